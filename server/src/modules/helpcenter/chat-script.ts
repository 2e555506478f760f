// The help center's one script of its own, served at /help/assets/chat.js next to the widget's loader (/widget.js).
// The "Live chat" and "Assistant" links everywhere (/support/channels, the troubleshooter, the status page) point at
// /help/{locale}#chat: arriving there opens the widget's panel, and on a help page that already has the widget such a
// link opens it in place. Without JavaScript, or when the widget cannot load, the link is simply the help center's
// list of ways to reach us (the contact box, id "chat"), so no link is ever dead. Plain ES5: it must never break a page.
export const chatOpenerScript = `(function () {
  'use strict';
  var w = window;
  // The widget's command queue (widget/README): commands given before /widget.js has run are played when it has.
  if (!w.Sapa) {
    var queue = function () { (queue.q = queue.q || []).push(arguments); };
    w.Sapa = queue;
  }
  function isChatLink(href) {
    try {
      var u = new URL(href, location.href);
      return u.origin === location.origin && u.hash === '#chat';
    } catch (e) {
      return false;
    }
  }
  function fromAddress() {
    if (location.hash !== '#chat') return;
    w.Sapa('open');
    // Forget the fragment, so that the same link opens the panel again once it has been closed.
    try { history.replaceState(history.state, '', location.pathname + location.search); } catch (e) { /* a sandboxed page */ }
  }
  fromAddress();
  w.addEventListener('hashchange', fromAddress);
  document.addEventListener('click', function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var a = e.target && e.target.closest ? e.target.closest('a[href]') : null;
    // Only once the widget runs: until then the link goes to the help center, which opens the chat when it can.
    if (!a || !isChatLink(a.href) || !(w.Sapa && w.Sapa.loaded)) return;
    e.preventDefault();
    w.Sapa('open');
  });
})();
`;
