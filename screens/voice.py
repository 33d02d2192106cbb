"""Voice controls in the chrome: the caption of the spoken prompt, Repeat, and the voice panel."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.speech import Spoken
from screens.widgets import tr


class VoiceControls(BoxLayout):
    """The caption line (a tap repeats it) and the voice panel opened by the chrome's Voice button.

    The buttons act on the app's VoiceGuide (a service: queueing on it never waits).
    """

    panel_open = BooleanProperty(False)
    spoken_lang = ""  # the language of the prompt the caption shows

    def on_kv_post(self, _base_widget) -> None:
        """Start with the panel out of the tree (a hidden widget would still catch touches)."""
        # ids hold weak references: keep the panel alive while it is out of the tree
        self._panel_parts = (self.ids.panel.__self__, self.ids.voice_status.__self__)
        self.on_panel_open(self, self.panel_open)

    def on_panel_open(self, _instance, shown: bool) -> None:
        """Put the panel and its status line under the caption, or take them out."""
        for widget in getattr(self, "_panel_parts", ()):
            if shown and widget.parent is None:
                self.add_widget(widget)
            elif not shown and widget.parent is self:
                self.remove_widget(widget)

    @staticmethod
    def _guide():
        return App.get_running_app().voice

    def toggle_panel(self) -> None:
        """Open or close the volume / speed / mute panel."""
        self.panel_open = not self.panel_open
        self.relabel()

    def repeat(self) -> None:
        """Say the last prompt again."""
        self._guide().repeat()

    def louder(self) -> None:
        """One step louder."""
        self._guide().louder()
        self.relabel()

    def softer(self) -> None:
        """One step softer."""
        self._guide().softer()
        self.relabel()

    def faster(self) -> None:
        """One step faster."""
        self._guide().faster()
        self.relabel()

    def slower(self) -> None:
        """One step slower."""
        self._guide().slower()
        self.relabel()

    def toggle_mute(self) -> None:
        """Mute or unmute (captions stay)."""
        self._guide().toggle_mute()
        self.relabel()

    def show_caption(self, spoken: Spoken) -> None:
        """Show the text being spoken (called on the UI thread)."""
        self.ids.caption.text = spoken.text
        self.spoken_lang = spoken.prompt.lang

    def relabel(self) -> None:
        """Button labels and the settings line in the app's language."""
        guide = self._guide()
        ids = self.ids
        ids.repeat_button.text = tr("voice.repeat")
        ids.louder_button.text = tr("voice.louder")
        ids.softer_button.text = tr("voice.softer")
        ids.faster_button.text = tr("voice.faster")
        ids.slower_button.text = tr("voice.slower")
        ids.mute_button.text = tr("voice.unmute" if guide.muted else "voice.mute")
        status = tr("voice.status_muted" if guide.muted else "voice.status",
                    volume=guide.volume_percent, speed=guide.speed_percent)
        if guide.speaker.audio_status != "ok":
            status += "\n" + tr("voice.no_audio")
        ids.voice_status.text = status
