import type { Locale } from '../types.js';
import type { AttachmentView } from './model.js';

export interface UploadError {
  status: number;
  code: string;
  message: string;
}

/**
 * POST /attachments with XMLHttpRequest, because fetch cannot report upload progress. Resolves with the stored
 * attachment; rejects with the API's own (localized) error, or status 0 when Sapa could not be reached.
 */
export function uploadFile(base: string, locale: Locale, token: string, file: File, onProgress: (fraction: number) => void): { done: Promise<AttachmentView>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<AttachmentView>((resolve, reject) => {
    const url = new URL('api/v1/attachments', base);
    url.searchParams.set('locale', locale);
    xhr.open('POST', url.href);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.timeout = 120_000;
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    const fail = (status: number, code: string, message: string) => reject({ status, code, message } satisfies UploadError);
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string } } & Partial<AttachmentView> = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // Not JSON (a proxy's error page): the status alone decides.
      }
      if (xhr.status === 201 || xhr.status === 200) {
        if (body.id) return resolve(body as AttachmentView);
        return fail(xhr.status, 'bad_response', '');
      }
      // No message from Sapa (a proxy's page): the caller words the status in the customer's language.
      fail(xhr.status, body.error?.code ?? `http_${xhr.status}`, body.error?.message ?? '');
    };
    xhr.onerror = () => fail(0, 'network', '');
    xhr.ontimeout = () => fail(0, 'timeout', '');
    xhr.onabort = () => fail(0, 'aborted', '');
    const form = new FormData();
    form.append('file', file, file.name || 'file');
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

const objectUrls = new Map<string, Promise<string | undefined>>();

/** Attachments need the bearer token, so images are fetched once and shown from an object URL. */
export function attachmentObjectUrl(base: string, url: string, token: string | undefined): Promise<string | undefined> {
  const href = new URL(url, base).href;
  let hit = objectUrls.get(href);
  if (!hit) {
    hit = fetch(href, { headers: token ? { authorization: `Bearer ${token}` } : {}, credentials: 'omit' })
      .then(async (res) => (res.ok ? URL.createObjectURL(await res.blob()) : undefined))
      .catch(() => undefined);
    objectUrls.set(href, hit);
    // Failures are not cached: the next render tries again.
    void hit.then((v) => v === undefined && objectUrls.delete(href));
  }
  return hit;
}
