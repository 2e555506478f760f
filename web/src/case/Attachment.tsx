import { useEffect, useState } from 'react';
import { Icon } from '../components/Icon';
import { bytes } from '../format';
import { t } from '../i18n';
import type { Attachment } from '../types';

/**
 * Images are fetched with the session cookie and shown from a blob: URL (the file's own response forbids being
 * framed or scripted); other files are links that download.
 */
export function AttachmentView({ a, locale }: { a: Attachment; locale: string }) {
  const image = a.mime.startsWith('image/') && a.mime !== 'image/heic' && a.mime !== 'image/heif';
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!image) return;
    let url: string | null = null;
    let cancelled = false;
    fetch(a.url, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
      .then((blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [a.url, image]);

  if (image && !failed) {
    return (
      <a className="attachment image" href={a.url} target="_blank" rel="noreferrer" title={`${a.filename} · ${bytes(a.size, locale)}`}>
        {src ? <img src={src} alt={a.filename} loading="lazy" /> : <span className="attachment-placeholder" aria-label={t('common.loading')} />}
      </a>
    );
  }
  return (
    <a className="attachment file" href={a.url} download={a.filename} title={`SHA-256 ${a.sha256}`}>
      <Icon name="clip" size={14} />
      <span className="attachment-name">{a.filename}</span>
      <span className="muted">{bytes(a.size, locale)}</span>
    </a>
  );
}
