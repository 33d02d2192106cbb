"""Mandarin prompts with digits, dates, times and phone numbers: what the TTS must read as Chinese."""

ZH_PROMPTS = [
    ("catalog.guide.enquiry", {"phone": "010-65123456"}),
    ("catalog.alt.hotline", {"phone": "13812345678"}),
    ("catalog.slip.hotline", {"phone": "400-810-8000"}),
    ("catalog.avail.branch_closed", {"hours": "周一至周五 9:00-17:00", "next": "2026年12月1日 09:00"}),
    ("catalog.avail.service_closed", {"hours": "8:30-18:30", "next": "11月30日 8:30"}),
    ("catalog.days.n", {"n": 20}),
    ("catalog.guide.version_line", {"version": "3", "date": "2026-11-28"}),
    ("catalog.material.copies", {"n": 2}),
    ("idle.body", {"seconds": 30}),
    ("search.results", {"n": 17}),
    ("scan.code.pickup", {"id": "A0427", "until": "2026年12月5日 17:30"}),
    ("scan.code.receipt", {"no": "20261128000123"}),
    ("scan.doc.pdf_ready", {"pages": 3, "kb": 412}),
    ("slip.printed_at", {"time": "2026-11-28 14:05"}),
    ("bundle.days", {"n": 15}),
    ("documents.captured", {"n": 4}),
]
