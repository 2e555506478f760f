import { describe, expect, it } from 'vitest';
import { DEMO_CHANNEL_CONTACTS } from '../../demo.js';
import { defaultChannels } from '../support/service.js';
import { BUNDLED_CONTENT_DIR, loadArticleFolder } from './content.js';

// The demo articles quote the channels the assistant and the help center's "Contact us" box show live: when one of
// them changes, an article that still says the old hours or number is caught here rather than by a customer.
describe('demo articles agree with the demo channels', () => {
  it('state only opening hours that a channel has, and only the demo contact numbers', async () => {
    const articles = await loadArticleFolder(BUNDLED_CONTENT_DIR);
    const windows = new Set(defaultChannels.flatMap((c) => (c.hours.windows ?? []).map((w) => `${w.open}–${w.close}`)));
    const numbers = new Set([DEMO_CHANNEL_CONTACTS.security_line, DEMO_CHANNEL_CONTACTS.whatsapp]);
    const wrong: string[] = [];
    for (const a of articles) {
      for (const [locale, t] of Object.entries(a.translations)) {
        const text = `${t.title}\n${t.description}\n${t.body}`;
        // "08:00–22:00", "08.00–22.00" (Indonesian), "08:00 to 22:00".
        for (const m of text.matchAll(/\b(\d{2})[:.](\d{2})\s*(?:–|-|to|sampai|至)\s*(\d{2})[:.](\d{2})\b/g)) {
          const range = `${m[1]}:${m[2]}–${m[3]}:${m[4]}`;
          if (!windows.has(range)) wrong.push(`${a.slug}/${locale}: hours ${m[0]}`);
        }
        for (const m of text.matchAll(/\+62[\d ]*\d/g)) if (!numbers.has(m[0] as never)) wrong.push(`${a.slug}/${locale}: number ${m[0]}`);
        for (const m of text.matchAll(/@\w+_bot\b/g)) if (m[0] !== DEMO_CHANNEL_CONTACTS.telegram) wrong.push(`${a.slug}/${locale}: bot ${m[0]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
