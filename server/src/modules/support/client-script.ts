// The troubleshooter's browser side, served same-origin at /status/assets/troubleshoot.js. Plain ES5 with
// XMLHttpRequest on purpose: it must run (and report) on exactly the old or crippled browsers it diagnoses.
export const troubleshootScript = String.raw`(function () {
  'use strict';
  var configEl = document.getElementById('ts-config');
  if (!configEl) return;
  var cfg = JSON.parse(configEl.textContent || '{}');
  var s = cfg.strings || {};
  var results = document.getElementById('ts-results');
  var statusEl = document.getElementById('ts-status');
  var rerun = document.getElementById('ts-run');
  var serverOut = document.getElementById('ts-server');

  function fmt(text, vars) {
    return String(text || '').replace(/\{(\w+)\}/g, function (m, k) { return vars && k in vars ? String(vars[k]) : m; });
  }
  function item(text, kind, code) {
    var li = document.createElement('li');
    li.className = kind || 'info';
    if (code) li.setAttribute('data-code', code);
    li.appendChild(document.createTextNode(text));
    results.appendChild(li);
  }
  function request(method, url, body, timeoutMs, done) {
    var xhr = new XMLHttpRequest();
    var started = Date.now();
    var finished = false;
    function finish(ok) {
      if (finished) return;
      finished = true;
      done({ ok: ok, status: xhr.status, text: ok ? xhr.responseText : '', ms: Date.now() - started, date: ok ? xhr.getResponseHeader('Date') : null });
    }
    try {
      xhr.open(method, url, true);
      xhr.timeout = timeoutMs;
      xhr.setRequestHeader('Accept', 'application/json');
      if (body) xhr.setRequestHeader('Content-Type', 'application/json');
      xhr.onload = function () { finish(true); };
      xhr.onerror = function () { finish(false); };
      xhr.ontimeout = function () { finish(false); };
      xhr.send(body ? JSON.stringify(body) : null);
    } catch (e) { finish(false); }
  }
  function cookiesWork() {
    try {
      if (!navigator.cookieEnabled) return false;
      document.cookie = 'sapa_ts_probe=1; path=/; SameSite=Lax';
      var ok = document.cookie.indexOf('sapa_ts_probe=1') !== -1;
      document.cookie = 'sapa_ts_probe=; path=/; max-age=0';
      return ok;
    } catch (e) { return false; }
  }
  function storageWorks() {
    try { localStorage.setItem('sapa_ts_probe', '1'); localStorage.removeItem('sapa_ts_probe'); return true; } catch (e) { return false; }
  }

  function run() {
    results.innerHTML = '';
    if (rerun) rerun.disabled = true;
    statusEl.textContent = s.running;
    var report = { locale: cfg.locale, network: {}, browser: {}, device: {} };
    if (cfg.caseId) report.caseId = cfg.caseId;
    if (cfg.appVersion) report.app = { version: cfg.appVersion, platform: cfg.platform || undefined };
    report.browser.userAgent = navigator.userAgent;
    report.browser.cookies = cookiesWork();
    report.browser.storage = storageWorks();
    report.browser.language = navigator.language;
    try { report.browser.timezone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { /* old browser */ }
    report.browser.features = {
      fetch: typeof window.fetch === 'function',
      promise: typeof window.Promise === 'function',
      websocket: typeof window.WebSocket === 'function',
      json: typeof window.JSON === 'object',
      textDecoder: typeof window.TextDecoder === 'function',
      urlSearchParams: typeof window.URLSearchParams === 'function'
    };
    report.network.online = navigator.onLine;
    var conn = navigator.connection || navigator.mozConnection || navigator.webkitConnection;
    if (conn && conn.effectiveType) report.network.effectiveType = conn.effectiveType;
    report.device = { screen: screen.width + 'x' + screen.height, pixelRatio: window.devicePixelRatio || 1, touch: 'ontouchstart' in window, platform: navigator.platform || '' };
    item(report.browser.cookies ? s.cookiesOk : s.cookiesOff, report.browser.cookies ? 'info' : 'warning', 'cookies');
    item(report.browser.storage ? s.storageOk : s.storageOff, report.browser.storage ? 'info' : 'warning', 'storage');

    // 1. The API: three timed requests, the median is the latency; the Date header gives the server's clock.
    var times = [];
    var serverDate = null;
    var pings = 0;
    function ping() {
      request('GET', '/api/v1/status?locale=' + encodeURIComponent(cfg.locale), null, 10000, function (r) {
        pings++;
        if (r.ok && r.status < 500) { times.push(r.ms); if (r.date) serverDate = Date.parse(r.date) + r.ms / 2; }
        if (pings < 3) return ping();
        report.network.apiReachable = times.length > 0;
        if (times.length) {
          times.sort(function (a, b) { return a - b; });
          report.network.latencyMs = times[Math.floor(times.length / 2)];
          item(fmt(s.apiOk, { ms: report.network.latencyMs }), report.network.latencyMs >= cfg.highLatencyMs ? 'warning' : 'info', 'api');
        } else item(s.apiFail, 'error', 'api');
        if (serverDate) {
          var skew = Math.round((Date.now() - serverDate) / 60000);
          if (Math.abs(skew) >= 2) item(fmt(s.clockOff, { minutes: Math.abs(skew) }), 'warning', 'clock');
          else item(s.clockOk, 'info', 'clock');
        }
        polling();
      });
    }
    // 2. Long-polling, then WebSocket, to the realtime endpoint of this same origin.
    function polling() {
      request('GET', '/realtime/?EIO=4&transport=polling&t=' + Date.now(), null, 8000, function (r) {
        if (r.ok && r.status === 404) { report.network.longPolling = null; report.network.websocket = null; item(s.realtimeAbsent, 'info', 'realtime'); return send(); }
        report.network.longPolling = r.ok && r.status === 200 && r.text.charAt(0) === '0';
        websocket();
      });
    }
    function websocket() {
      if (typeof window.WebSocket !== 'function') { report.network.websocket = false; item(s.wsBlocked, 'warning', 'websocket'); return send(); }
      var done = false;
      var ws;
      function finish(ok) {
        if (done) return;
        done = true;
        try { ws.close(); } catch (e) { /* already closed */ }
        report.network.websocket = ok;
        if (ok) item(s.wsOk, 'info', 'websocket');
        else item(report.network.longPolling ? s.wsBlocked : s.realtimeFail, report.network.longPolling ? 'warning' : 'error', 'websocket');
        send();
      }
      try {
        ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/realtime/?EIO=4&transport=websocket');
        ws.onopen = function () { finish(true); };
        ws.onmessage = function () { finish(true); };
        ws.onerror = function () { finish(false); };
        ws.onclose = function () { finish(false); };
      } catch (e) { return finish(false); }
      setTimeout(function () { finish(false); }, 6000);
    }
    // 3. The report, for the server's findings in the caller's language (and the evidence store).
    function send() {
      report.clientTime = new Date().toISOString();
      statusEl.textContent = s.sending;
      request('POST', '/api/v1/diagnostics', report, 15000, function (r) {
        if (rerun) rerun.disabled = false;
        var body = null;
        try { body = r.ok ? JSON.parse(r.text) : null; } catch (e) { body = null; }
        if (!body || !body.findings) { statusEl.textContent = s.sendFailed; return; }
        if (serverOut) {
          serverOut.innerHTML = '';
          var h = document.createElement('h3');
          h.textContent = s.findingsTitle;
          serverOut.appendChild(h);
          var ul = document.createElement('ul');
          ul.className = 'findings';
          for (var i = 0; i < body.findings.length; i++) {
            var li = document.createElement('li');
            li.className = body.findings[i].severity;
            li.setAttribute('data-code', body.findings[i].code);
            li.textContent = body.findings[i].message;
            ul.appendChild(li);
          }
          serverOut.appendChild(ul);
          var h2 = document.createElement('h3');
          h2.textContent = s.adviceTitle;
          serverOut.appendChild(h2);
          var ol = document.createElement('ul');
          for (var j = 0; j < body.advice.length; j++) {
            var a = document.createElement('li');
            a.textContent = body.advice[j];
            ol.appendChild(a);
          }
          serverOut.appendChild(ol);
        }
        statusEl.textContent = fmt(s.done, { id: body.id.slice(0, 8) });
        statusEl.setAttribute('data-report-id', body.id);
      });
    }
    ping();
  }
  if (rerun) rerun.addEventListener('click', run);
  run();
})();
`;
