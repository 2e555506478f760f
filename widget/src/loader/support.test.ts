import { describe, expect, it } from 'vitest';
import type { SupportChannel } from '../types.js';
import { alternativeChannels } from './support.js';

describe('alternativeChannels', () => {
  const channels: SupportChannel[] = [
    { id: 'live_chat', available: true },
    { id: 'assistant', available: true },
    { id: 'email', available: false, reason: 'outage' },
    { id: 'whatsapp', available: true },
  ];

  it('leaves out live chat and the assistant, which fail together with the widget, and lists available ones first', () => {
    expect(alternativeChannels(channels).map((c) => c.id)).toEqual(['whatsapp', 'email']);
  });

  it('keeps them when asked (the troubleshooter lists what works)', () => {
    expect(alternativeChannels(channels, true).map((c) => c.id)).toEqual(['live_chat', 'assistant', 'whatsapp', 'email']);
  });
});
