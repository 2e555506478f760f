import { render } from 'preact';
import type { ChatInstance, MountChat } from '../types.js';
import { Chat, Tools, type UiState } from './app.js';
import { mayComplain } from './complaint.js';
import { Conversation } from './conversation.js';
import { chatText, type ChatKey } from './strings.js';
import { chatCss } from './styles.js';

/** Entry of the lazily loaded chunk: the loader calls it with its helpers and the panel element to fill. */
export const mount: MountChat = (host, into): ChatInstance => {
  host.addStyle(chatCss);
  const conversation = new Conversation(host);
  host.chatContext = () => ({ token: conversation.token(), caseId: conversation.caseId() });
  const ui: UiState = { view: 'thread' };
  const input = { current: null as HTMLTextAreaElement | null };
  let queued = false;
  const draw = () => {
    queued = false;
    try {
      const locale = host.locale();
      const t = (key: ChatKey, vars?: Record<string, string | number>) => chatText(locale, key, vars);
      const s = conversation.snapshot();
      // Signed out, or the case left, while the complaint view was open: back to the conversation.
      if (ui.view === 'complaint' && !mayComplain(s)) ui.view = 'thread';
      const props = { s, t, locale, host, conversation, ui, setUi, input };
      render(<Chat {...props} />, into);
      render(<Tools {...props} />, host.toolbar);
      if (ui.focus) {
        ui.focus = false;
        input.current?.focus();
      }
    } catch (error) {
      host.report(error);
    }
  };
  // Many changes arrive together (a replay of messages): draw once per frame.
  const redraw = () => {
    if (queued) return;
    queued = true;
    if (typeof window.requestAnimationFrame === 'function') window.requestAnimationFrame(draw);
    else window.setTimeout(draw, 16);
  };
  function setUi(patch: Partial<UiState>) {
    Object.assign(ui, patch);
    redraw();
  }
  conversation.subscribe$(redraw);
  host.on('locale', redraw);
  host.on('open', redraw);
  // Sapa's notices (hours, nobody online) come with the channel list, which is fetched again in a new language.
  host.on('support', redraw);
  draw();
  conversation.start();
  return { focus: () => input.current?.focus() };
};
