// New-message alerts: a short two-tone beep made with Web Audio (no sound file to load) and a desktop notification.
let audio: AudioContext | null = null;

/** Browsers allow audio only after a user gesture; the first click or key unlocks it. */
export function primeAudio(): void {
  const unlock = () => {
    try {
      audio ??= new AudioContext();
      void audio.resume();
    } catch {
      audio = null;
    }
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
  };
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);
}

export function beep(): void {
  if (!audio || audio.state !== 'running') return;
  const now = audio.currentTime;
  for (const [i, freq] of [880, 1320].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const start = now + i * 0.12;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.12, start + 0.015);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
    osc.connect(gain).connect(audio.destination);
    osc.start(start);
    osc.stop(start + 0.18);
  }
}

/** Whether a beep would be heard: this tab's audio was unlocked by a click or key. */
export const canBeep = () => audio?.state === 'running';

export const desktopSupported = () => typeof Notification !== 'undefined';
export const canNotifyDesktop = () => desktopSupported() && Notification.permission === 'granted';
export const desktopPermission = (): NotificationPermission | 'unsupported' => (desktopSupported() ? Notification.permission : 'unsupported');

export async function askDesktopPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (!desktopSupported()) return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

export function desktopNotify(title: string, body: string, tag: string, onClick: () => void): void {
  if (!desktopSupported() || Notification.permission !== 'granted') return;
  try {
    const n = new Notification(title, { body: body.slice(0, 160), tag });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the sound and the inbox still tell the agent.
  }
}

/** How long the tab that alerted keeps the event's lock: tabs that hear of it later (polling) find it taken. */
const ALERT_HOLD_MS = 15_000;

/**
 * Every console tab of this browser hears the same push, and one alert is enough: the tabs that could alert ask for one
 * lock per event (Web Locks are shared by an origin's tabs) without waiting for it, the tab showing the case at once,
 * other visible tabs a moment later, hidden ones last; the tab that gets the lock runs `act`, the others nothing.
 * Without Web Locks every tab alerts, as before.
 */
export function inOneTab(key: string, rank: 0 | 1 | 2, act: () => void): void {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return act();
  const ask = () =>
    void locks
      .request(`sapa.alert:${key}`, { ifAvailable: true }, async (lock) => {
        if (!lock) return;
        act();
        await new Promise((resolve) => setTimeout(resolve, ALERT_HOLD_MS));
      })
      .catch(() => act());
  setTimeout(ask, [0, 150, 400][rank]);
}
