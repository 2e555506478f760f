// The chat's styles, added to the same shadow root as the loader's when the chunk mounts.
export const chatCss = `
.conv{display:flex;flex-direction:column;flex:1;min-height:0;position:relative}
.notes{flex:none}
.note{margin:0;padding:8px 14px;font-size:13.5px;border-bottom:1px solid #e3e3e3}
.note.warn{background:#fff4e5;color:#5c3800}
.note.info{background:#e8f0fe;color:#0d2f6b}
.note details{margin-top:4px}
.note summary{cursor:pointer;text-decoration:underline}
.thread{flex:1;min-height:0;overflow-y:auto;padding:12px 12px 4px;display:flex;flex-direction:column;gap:8px;background:#f6f7f9;overscroll-behavior:contain}
.case-line{align-self:center;font-size:12.5px;color:#4a4a4a;margin:0 0 4px}
.msg{max-width:86%;padding:8px 11px;border-radius:14px;background:#fff;border:1px solid #e1e3e6;align-self:flex-start;overflow-wrap:anywhere}
.msg.mine{align-self:flex-end;background:#e3f1e9;border-color:#c6e2d1}
.msg.assistant{background:#eef3fd;border-color:#d3e0fa}
.msg.system,.msg.welcome{align-self:center;background:transparent;border:0;color:#444;text-align:center;font-size:13.5px}
.msg .meta{font-size:11.5px;color:#4a4a4a;display:flex;gap:8px;margin-bottom:2px}
.msg .who{font-weight:600}
.msg .text{white-space:pre-wrap}
.msg .state{font-size:11.5px;color:#4a4a4a;text-align:right;margin-top:2px}
.msg.failed{border-color:#d93025;background:#fdeeee}
.msg.failed .state{color:#8c1d18;text-align:left}
.msg .state button{font-size:12px;margin-left:6px;min-height:28px;padding:2px 8px;border-radius:6px;border:1px solid #767676;background:#fff;cursor:pointer}
.thumb{display:block;margin-top:6px;max-width:220px;max-height:180px;border-radius:8px;border:1px solid #ddd;background:#fff}
.file{display:inline-flex;gap:6px;align-items:center;margin-top:6px;background:#fff;border:1px solid #c9c9c9;border-radius:8px;padding:4px 8px;cursor:pointer;font-size:13px;color:#0b57d0;text-decoration:underline}
.articles{margin:6px 0 0;padding-left:18px;font-size:13.5px}
.handoff{align-self:flex-start;margin:2px 0 4px}
.divider{align-self:center;font-size:12.5px;color:#444;margin:4px 0}
.typing{font-size:12.5px;color:#4a4a4a;margin:0 4px;font-style:italic}
.composer{flex:none;border-top:1px solid #e3e3e3;padding:8px;background:#fff}
.row{display:flex;gap:6px;align-items:flex-end}
.composer textarea{flex:1;resize:none;border:1px solid #767676;border-radius:10px;padding:8px 10px;min-height:42px;max-height:140px;background:#fff;line-height:1.4;font-size:16px}
.icon{flex:none;width:42px;height:42px;border-radius:10px;border:1px solid #767676;background:#fff;cursor:pointer;display:flex;align-items:center;justify-content:center;padding:0}
.icon svg{width:22px;height:22px;fill:#333}
.send{flex:none;height:42px}
.staged{list-style:none;margin:0 0 6px;padding:0;display:flex;flex-direction:column;gap:4px;max-height:35vh;overflow-y:auto}
.staged li{display:flex;gap:8px;align-items:center;font-size:13px;background:#f6f7f9;border-radius:8px;padding:4px 6px}
.staged img{width:36px;height:36px;object-fit:cover;border-radius:6px}
.staged .name{flex:1;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.staged progress{width:80px}
.staged .err{color:#8c1d18;flex-basis:100%}
.staged li.bad{flex-wrap:wrap}
.staged button{min-height:32px;min-width:32px;border:1px solid #767676;border-radius:6px;background:#fff;cursor:pointer}
.drop{position:absolute;top:0;right:0;bottom:0;left:0;background:rgba(10,102,64,.12);border:3px dashed var(--p);display:flex;align-items:center;justify-content:center;font-weight:600;z-index:2;pointer-events:none}
.list{padding:12px;overflow:auto;flex:1}
.list ul{list-style:none;padding:0;margin:12px 0 0}
.list li{margin-bottom:8px}
.case{width:100%;text-align:left;border:1px solid #c9c9c9;border-radius:10px;background:#fff;padding:8px 10px;cursor:pointer}
.case small{color:#4a4a4a}
.msg.survey{align-self:stretch;max-width:none;background:#fff;border:1px solid #c9c9c9;color:#1b1b1b;text-align:left;font-size:14.5px}
.survey p{margin:0 0 8px}
.survey fieldset{border:0;margin:0 0 8px;padding:0;min-width:0}
.survey .scores{display:flex}
.survey .scores button{flex:1;min-width:0;min-height:44px;margin-right:6px;border:1px solid #767676;border-radius:8px;background:#fff;font-size:17px;font-weight:600;cursor:pointer}
.survey .scores button:last-child{margin-right:0}
.survey .scores button[aria-pressed=true]{background:var(--p);color:var(--on-p);border-color:var(--p)}
.survey button[disabled],.survey fieldset[disabled] button{opacity:.6;cursor:default}
.survey .ends{display:flex;justify-content:space-between;font-size:12px;color:#4a4a4a;margin-top:3px}
.survey-form label{display:block;font-size:13.5px;margin-bottom:3px}
.survey-form textarea{display:block;width:100%;resize:vertical;border:1px solid #767676;border-radius:8px;padding:6px 8px;font-size:16px;margin-bottom:8px;background:#fff}
.survey-form .btn{margin:0 8px 4px 0}
.survey .done{font-weight:600}
.survey q{display:block;font-weight:400;font-style:italic;margin-top:4px;white-space:pre-wrap}
.survey .muted{display:block;font-weight:400;font-size:12.5px;margin-top:4px}
.survey .err{color:#8c1d18;background:#fdeeee;border-radius:8px;padding:6px 8px}
.complaint{flex:1;min-height:0;overflow:auto;padding:10px 12px 12px;font-size:14.5px}
.complaint h2{font-size:17px;margin:6px 0 0}
.complaint h3{font-size:15.5px;margin:0 0 6px}
.complaint p{margin:0 0 8px}
.complaint .muted{color:#4a4a4a;font-size:13px}
.complaint .filed{border:1px solid #c9c9c9;border-radius:10px;padding:10px;margin-bottom:12px}
.complaint dl{margin:0}
.complaint dt{font-size:12.5px;font-weight:600;color:#4a4a4a;margin-top:6px}
.complaint dd{margin:0}
.complaint .words{white-space:pre-wrap;overflow-wrap:anywhere}
.complaint dd.warn{color:#8c1d18;font-weight:600}
.complaint-form label{display:block;font-size:13.5px;font-weight:600;margin:10px 0 3px}
.complaint-form textarea{display:block;width:100%;resize:vertical;border:1px solid #767676;border-radius:8px;padding:6px 8px;font-size:16px;background:#fff}
.complaint-form textarea[aria-invalid=true]{border-color:#d93025}
.complaint-form .btn{margin-top:10px}
.complaint .btn[aria-disabled=true]{opacity:.6;cursor:default}
.complaint .err{color:#8c1d18;background:#fdeeee;border-radius:8px;padding:6px 8px;margin:6px 0}
@media (forced-colors:active){.survey .scores button[aria-pressed=true]{outline:3px solid Highlight}}
`;
