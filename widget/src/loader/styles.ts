// Everything lives in the shadow root: the host page's styles cannot reach in, and ours cannot leak out.
// `all: initial` on the host stops inherited properties (font, color, line-height) of the page from bleeding in.
// No `inset`, and a plain height before min(): Safari before 14.1 and older Android web views ignore both.
export const loaderCss = `
:host{all:initial}
*,*::before,*::after{box-sizing:border-box}
.root{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1b1b1b;-webkit-text-size-adjust:100%}
[hidden]{display:none!important}
button,select,input,textarea{font:inherit;color:inherit}
:focus-visible{outline:3px solid #1558d6;outline-offset:2px}
.launcher{position:fixed;bottom:20px;right:20px;width:56px;height:56px;border-radius:50%;border:0;padding:0;background:var(--p);color:var(--on-p);box-shadow:0 4px 14px rgba(0,0,0,.28);cursor:pointer;z-index:2147482999;display:flex;align-items:center;justify-content:center}
.left .launcher{left:20px;right:auto}
.launcher svg{width:28px;height:28px;fill:currentColor}
.launcher:focus-visible{outline-color:#1b1b1b;box-shadow:0 0 0 6px #fff}
.badge{position:absolute;top:-3px;right:-3px;min-width:22px;height:22px;border-radius:11px;background:#b3261e;color:#fff;font-size:12px;font-weight:700;display:flex;align-items:center;justify-content:center;padding:0 6px;border:2px solid #fff}
.panel{position:fixed;bottom:88px;right:20px;width:384px;height:660px;height:min(660px,calc(100vh - 108px));max-height:calc(100vh - 24px);background:#fff;border-radius:14px;box-shadow:0 12px 40px rgba(0,0,0,.32);display:flex;flex-direction:column;overflow:hidden;z-index:2147483000}
.left .panel{left:20px;right:auto}
.head{background:var(--p);color:var(--on-p);padding:10px 10px 10px 14px;display:flex;gap:6px;align-items:center;flex:none}
.head .titles{flex:1;min-width:0}
.head h2{margin:0;font-size:17px;font-weight:650}
.head .sub{margin:0;font-size:12.5px;line-height:1.35}
.head button,.head select{background:transparent;border:1px solid currentColor;border-radius:8px;min-height:36px;padding:4px 8px;cursor:pointer;font-size:13px}
.head select option{color:#1b1b1b;background:#fff}
.head .x{border:0;font-size:22px;line-height:1;width:40px;padding:0}
.head .x:focus-visible,.head button:focus-visible,.head select:focus-visible{outline-color:currentColor}
.tools{display:flex;gap:4px 10px;padding:6px 10px;border-bottom:1px solid #e3e3e3;flex:none;align-items:center;flex-wrap:wrap}
.tools select{border:1px solid #767676;border-radius:8px;min-height:32px;padding:2px 6px;background:#fff;font-size:13px}
.chat-tools{display:contents}
.linkish{background:none;border:0;color:#0b57d0;text-decoration:underline;cursor:pointer;padding:4px 2px;font-size:13px;min-height:32px}
.banner{background:#fff4e5;color:#5c3800;padding:8px 14px;font-size:13.5px;border-bottom:1px solid #f0d9b5;flex:none;margin:0}
.body{flex:1;min-height:0;display:flex;flex-direction:column;position:relative}
.view{flex:1;min-height:0;overflow:auto;padding:14px}
.view.chat{padding:0;display:flex;flex-direction:column;overflow:hidden}
h3{font-size:15px;margin:14px 0 6px}
.view-title{margin-top:0}
.muted{color:#555}
.small{font-size:12.5px}
a{color:#0b57d0}
.btn{background:var(--p);color:var(--on-p);border:0;border-radius:8px;padding:8px 14px;min-height:40px;cursor:pointer;font-weight:600}
.btn.secondary{background:#fff;color:#1b1b1b;border:1px solid #767676}
.btn[disabled]{opacity:.6;cursor:default}
.alts ul,.checks{list-style:none;margin:0;padding:0}
.alt{padding:8px 0;border-bottom:1px solid #eee}
.alt.off{opacity:.9}
.alt.off strong{color:#555}
.pill{display:inline-block;font-size:11.5px;border-radius:10px;padding:0 8px;margin-left:8px;vertical-align:1px}
.pill.ok{background:#e6f4ea;color:#0b5227}
.pill.bad{background:#fce8e6;color:#8c1d18}
.status-msg{background:#fff4e5;color:#5c3800;border-radius:8px;padding:8px 10px}
.checks li{padding:4px 0}
.checks .good span{color:#0b5227}
.checks .bad{color:#8c1d18}
.sev-error,.sev-critical{color:#8c1d18}
.sev-warning{color:#5c3800}
.spinner{margin:40px auto;width:28px;height:28px;border:3px solid #ddd;border-top-color:var(--p);border-radius:50%;animation:spin 1s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spinner{animation:none}}
@media (forced-colors:active){.panel,.launcher{border:2px solid CanvasText}}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:520px){
.panel{top:0;right:0;bottom:0;left:0;width:100%;height:100%;max-height:none;border-radius:0}
.left .panel{left:0}
.open .launcher{display:none}
}
`;
