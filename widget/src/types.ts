// Types shared by the loader (widget.js) and the lazily loaded chat chunk. Type-only: nothing here is bundled,
// so the two bundles share code by the loader handing its helpers to the chat (see WidgetHost).

export type Locale = 'zh-CN' | 'id-ID' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'id-ID', 'en'];

export interface Settings {
  locale?: string;
  identityToken?: string;
  appVersion?: string;
  position?: 'right' | 'left';
  primaryColor?: string;
  /** Where Sapa lives when the script is not served by Sapa itself (e.g. bundled in the wallet app). */
  baseUrl?: string;
}

export interface Diagnostics {
  os: string;
  browser: string;
  device: 'mobile' | 'tablet' | 'desktop';
  appVersion: string | null;
  locale: string;
  timeZone: string;
  clientTime: string;
  screen: string;
  connection: string;
  online: boolean;
  userAgent: string;
}

/** One contact channel from GET /support/channels (fields beyond the contract are optional and shown if present). */
export interface SupportChannel {
  id: string;
  available: boolean;
  reason?: string | null;
  hours?: unknown;
  expectedResponse?: unknown;
  name?: string;
  label?: string;
  url?: string;
  address?: string;
  contact?: string;
  phone?: string;
  email?: string;
  open?: boolean;
  openNow?: boolean;
  [key: string]: unknown;
}

export interface StatusIncident {
  id?: string;
  title?: string;
  status?: string;
  impact?: string;
  message?: string;
  [key: string]: unknown;
}

export interface StatusReport {
  overall: string;
  /** The overall state in words, in the language it was fetched in. */
  summary?: string;
  components?: { id: string; name: string; status: string }[];
  incidents?: StatusIncident[];
  maintenances?: StatusIncident[];
}

export interface SupportInfo {
  channels: SupportChannel[];
  status: StatusReport | null;
  /** When this was fetched from Sapa; 0 for the built-in defaults. */
  fetchedAt: number;
}

/** The outcome of an API call that reached Sapa (any status); a network failure throws instead. */
export interface ApiReply<T> {
  ok: boolean;
  status: number;
  data: T;
  /** The API's `{ error: { code, message } }`, already in the caller's language. */
  error?: { code: string; message: string };
  headers: Headers;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  token?: string;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** The `name` of the error thrown when Sapa could not be reached at all (offline, DNS, refused, timeout, CORS). */
export const NETWORK_ERROR = 'NetworkError';

/** `support`: fresh contact channels and status arrived (in the current language): redraw what shows them. */
export type HostEvent = 'locale' | 'identify' | 'open' | 'close' | 'support';

/** What the loader hands to the chat chunk: its configuration, helpers and the panel it drew. */
export interface WidgetHost {
  base: string;
  settings: Settings;
  /** A slot in the panel's tool row where the chat puts its own buttons. */
  toolbar: HTMLElement;
  locale(): Locale;
  setLocale(locale: Locale): void;
  store: Store;
  /** False when the browser refuses storage (private modes, blocked cookies): nothing survives a reload. */
  persistent(): boolean;
  /** Adds the chat's styles to the widget's root (shadow root or iframe), in a way the page's CSP allows. */
  addStyle(css: string): void;
  request<T>(path: string, options?: RequestOptions): Promise<ApiReply<T>>;
  diagnostics(): Diagnostics;
  support(): SupportInfo;
  refreshSupport(): Promise<SupportInfo>;
  /** Draws the last known contact alternatives and status into an element (used when Sapa is unreachable). */
  renderAlternatives(into: HTMLElement, heading?: boolean): void;
  showDoctor(): void;
  setUnread(count: number): void;
  isOpen(): boolean;
  on(event: HostEvent, fn: () => void): () => void;
  /** Reports a caught error without breaking the host page. */
  report(error: unknown): void;
  /** Set by the chat: its session and case, so a connection report can be filed with the conversation. */
  chatContext?: () => { token?: string; caseId?: string | null };
}

export interface Store {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): boolean;
  remove(key: string): void;
}

export interface ChatInstance {
  focus(): void;
}

export type MountChat = (host: WidgetHost, into: HTMLElement) => ChatInstance;
