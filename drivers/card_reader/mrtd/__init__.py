"""ICAO Doc 9303 eMRTD reading: MRZ, BER-TLV, BAC, 3DES secure messaging and the LDS read sequence."""
