// The alert's sound (a short two-tone chime made with WebAudio, no file) and, when the window is
// in the background, a system notification. Browsers allow sound only after a user gesture:
// unlock() is called from the Start button.

export class AlertSignals {
  private audio: AudioContext | null = null;
  played = 0;
  notified = 0;

  /** Call from a user gesture (a click or key press). */
  unlock(): void {
    try {
      this.audio ??= new AudioContext();
      if (this.audio.state === 'suspended') void this.audio.resume();
    } catch {
      this.audio = null;
    }
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
      void Notification.requestPermission().catch(() => undefined);
    }
  }

  /** Two short tones, higher for likely fake. */
  playChime(urgent: boolean): void {
    const ctx = this.audio;
    if (!ctx) return;
    const start = ctx.currentTime + 0.02;
    const tones = urgent ? [880, 660, 880] : [740, 560];
    tones.forEach((hz, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = hz;
      const t0 = start + i * 0.22;
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(0.3, t0 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + 0.2);
    });
    this.played++;
  }

  /** A system notification, only while the window is hidden (otherwise the panel says it all). */
  notifyIfHidden(title: string, body: string): void {
    if (document.visibilityState === 'visible') return;
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    try {
      const n = new Notification(title, { body, tag: 'callsentinel-alert', requireInteraction: true });
      n.onclick = () => window.focus();
      this.notified++;
    } catch {
      // Some platforms allow notifications only from a service worker; the sound still played.
    }
  }
}
