// The register as one self-contained HTML page for people: a matrix of people × systems whose
// cells open each grant's why, filters (person, group, target, expires soon, review overdue,
// guest), and print CSS so auditors can attach it. Inline CSS and JS only: it works offline from
// the one file. Rendered complete on the server side; the script only filters and opens cells.
import { EXPIRY_WARNING_DAYS } from "../model/access/expiry";
import type { Register, RegisterRow } from "./register";

const esc = (text: string | number | boolean | null | undefined): string =>
  String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

interface Person {
  upn: string;
  id: string;
  displayName: string | null;
  enabled: boolean;
  guest: boolean;
  rows: RegisterRow[];
}

export function registerHtml(register: Register): string {
  const targets = [...new Map(register.rows.map((r) => [r.target, r.targetTitle])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const people = new Map<string, Person>();
  for (const r of register.rows) {
    const p = people.get(r.objectId) ?? { upn: r.userPrincipalName, id: r.objectId, displayName: r.displayName, enabled: r.enabled, guest: r.guest, rows: [] };
    p.rows.push(r);
    people.set(r.objectId, p);
  }
  const groups = [...new Set(register.rows.flatMap((r) => r.groups))].sort();
  const soon = (r: RegisterRow) => r.expiresInDays !== null && !r.expired && r.expiresInDays <= EXPIRY_WARNING_DAYS;
  const head = targets.map(([name, title]) => `<th scope="col" data-target="${esc(name)}">${esc(title)}</th>`).join("");
  const body = [...people.values()]
    .map((p) => {
      const cells = targets
        .map(([name, title]) => {
          const rows = p.rows.filter((r) => r.target === name);
          if (!rows.length) return `<td data-target="${esc(name)}" class="none">—</td>`;
          const items = rows.map((r) => grantItem(r, soon(r))).join("");
          const state = rows[0].accountState ?? "no account";
          return `<td data-target="${esc(name)}"><details><summary><span class="count">${rows.length}</span> ${esc(title)} · ${esc(state)}</summary><ul>${items}</ul></details></td>`;
        })
        .join("");
      const badges = `${p.guest ? ' <span class="badge guest">guest</span>' : ""}${p.enabled ? "" : ' <span class="badge off">disabled</span>'}`;
      return `<tr class="person" data-person="${esc(`${p.upn} ${p.displayName ?? ""} ${p.id}`.toLowerCase())}" data-guest="${p.guest ? 1 : 0}"><th scope="row"><span class="upn">${esc(p.upn)}</span>${badges}<br><small>${esc(p.displayName ?? "")} · ${esc(p.id)}</small></th>${cells}</tr>`;
    })
    .join("\n");
  const options = (values: [string, string][]) => values.map(([v, label]) => `<option value="${esc(v)}">${esc(label)}</option>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Access register: ${esc(register.stack)}</title>
<style>${CSS}</style></head>
<body>
<header><h1>Access register <code>${esc(register.stack)}</code></h1>
<p>As of <time>${esc(register.now)}</time>: ${people.size} people, ${register.rows.length} grants in ${targets.length} systems.
Since when: ${esc(register.sources.since)}. Applied: ${esc(register.sources.applied)}.</p></header>
<form id="filters" class="no-print" onsubmit="return false">
<label>Person <input id="f-person" type="search" placeholder="UPN, name or object id"></label>
<label>Group <select id="f-group"><option value="">any</option>${options(groups.map((g) => [g, g]))}</select></label>
<label>System <select id="f-target"><option value="">all</option>${options(targets)}</select></label>
<label><input id="f-soon" type="checkbox"> expires soon (${EXPIRY_WARNING_DAYS} days)</label>
<label><input id="f-overdue" type="checkbox"> review overdue</label>
<label><input id="f-guest" type="checkbox"> guests</label>
<button type="button" id="f-open">open all</button>
<output id="shown"></output>
</form>
<table id="matrix"><thead><tr><th scope="col">Person</th>${head}</tr></thead>
<tbody>
${body}
</tbody></table>
<p id="empty" hidden>No grant matches the filters.</p>
<script>${SCRIPT}</script>
</body></html>
`;
}

function grantItem(r: RegisterRow, soon: boolean): string {
  const value = r.value === null ? "" : ` = <code>${esc(r.value)}</code>${r.final ? " (final)" : ""}`;
  const flags = [
    r.expired ? '<span class="badge off">expired</span>' : "",
    soon ? `<span class="badge soon">ends in ${r.expiresInDays} d</span>` : "",
    r.reviewOverdue ? '<span class="badge overdue">review overdue</span>' : "",
    r.roleLocked ? '<span class="badge">role locked</span>' : "",
    r.accountState === "protected" ? '<span class="badge">protected</span>' : "",
  ].join("");
  const commit = (c: RegisterRow["approvedBy"]) =>
    c
      ? `<code>${esc(c.commit.slice(0, 12))}</code> ${esc(c.date.slice(0, 10))} ${esc(c.author)}${c.pullRequest ? ` ${esc(c.pullRequest)}` : ""}: ${esc(c.subject)}`
      : "unknown";
  const why = [
    `<dt>Rule</dt><dd>${esc(r.rule)} at <code>${esc(r.ruleAt)}</code></dd>`,
    `<dt>Through</dt><dd>${esc(r.via)} (${esc(r.viaKind)})${r.paths.length ? `<ul>${r.paths.map((p) => `<li>${esc(p)}</li>`).join("")}</ul>` : ""}</dd>`,
    r.detail ? `<dt>Detail</dt><dd>${esc(r.detail)}</dd>` : "",
    `<dt>Account</dt><dd>${esc(r.account ?? "none")} (${esc(r.accountState ?? "no account")})${r.accountReason ? `: ${esc(r.accountReason)}` : ""}</dd>`,
    `<dt>Until</dt><dd>${esc(r.until ?? "no expiry")}</dd>`,
    `<dt>Since</dt><dd>${r.since ? `${esc(r.since.slice(0, 10))} (Git: ${commit(r.introducedBy)})` : esc(r.sinceHow)}</dd>`,
    `<dt>Approved</dt><dd>${commit(r.approvedBy)}</dd>`,
    `<dt>Applied</dt><dd>${r.applied === null ? "not recorded" : r.applied ? "yes, by the last run" : "not yet"}</dd>`,
    `<dt>Review</dt><dd>${r.reviewOwner ? `${esc(r.reviewOwner)}: last ${esc(r.lastReview ?? "never")}, due ${esc(r.reviewDue ?? "now")}` : "no review rule"}</dd>`,
  ].join("");
  const data = `data-groups="${esc(`|${r.groups.join("|")}|`)}" data-soon="${soon ? 1 : 0}" data-overdue="${r.reviewOverdue ? 1 : 0}"`;
  return `<li class="grant" ${data}><details><summary>${esc(r.kind)} <strong>${esc(r.name)}</strong>${value} ${flags}</summary><dl>${why}</dl></details></li>`;
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#111}
h1{font-size:1.4em;margin:0 0 .3em}
header p{margin:0 0 1em;color:#444}
#filters{display:flex;flex-wrap:wrap;gap:.6em 1.2em;align-items:center;padding:.6em;background:#f3f4f6;border-radius:6px;margin-bottom:1em}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left}
thead th{background:#e5e7eb;position:sticky;top:0}
td.none{color:#999;text-align:center}
ul{margin:.2em 0;padding-left:1.1em}
li.grant{margin:.15em 0}
summary{cursor:pointer}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em .6em;margin:.3em 0 .5em;font-size:.92em}
dt{font-weight:600;color:#444}
dd{margin:0}
.count{display:inline-block;min-width:1.4em;text-align:center;background:#1f2937;color:#fff;border-radius:9px;font-size:.85em}
.badge{display:inline-block;font-size:.78em;padding:0 .4em;border-radius:4px;background:#e5e7eb;margin-left:.3em}
.badge.guest{background:#fde68a}.badge.soon{background:#fed7aa}.badge.overdue{background:#fecaca}.badge.off{background:#d1d5db;color:#374151}
.hidden{display:none}
@media print{
  .no-print{display:none!important}
  body{margin:0;font-size:10pt}
  thead th{position:static}
  tr{break-inside:avoid}
  details>summary{list-style:none}
  a{color:inherit;text-decoration:none}
}
`;

const SCRIPT = `
(function(){
  var $=function(id){return document.getElementById(id)};
  function apply(){
    var person=$("f-person").value.trim().toLowerCase(),group=$("f-group").value,target=$("f-target").value;
    var soon=$("f-soon").checked,overdue=$("f-overdue").checked,guest=$("f-guest").checked;
    var narrowed=group||soon||overdue,shown=0;
    document.querySelectorAll("#matrix [data-target]").forEach(function(c){c.classList.toggle("hidden",!!target&&c.dataset.target!==target)});
    document.querySelectorAll("#matrix tr.person").forEach(function(row){
      var any=false;
      row.querySelectorAll("td[data-target]").forEach(function(cell){
        if(cell.classList.contains("hidden"))return;
        var n=0;
        cell.querySelectorAll("li.grant").forEach(function(li){
          var ok=(!group||li.dataset.groups.indexOf("|"+group+"|")>=0)&&(!soon||li.dataset.soon==="1")&&(!overdue||li.dataset.overdue==="1");
          li.classList.toggle("hidden",!ok);if(ok)n++;
        });
        if(n)any=true;
        if(narrowed){var d=cell.querySelector("details");if(d)d.open=n>0;}
      });
      var ok=(!person||row.dataset.person.indexOf(person)>=0)&&(!guest||row.dataset.guest==="1")&&any;
      row.classList.toggle("hidden",!ok);if(ok)shown++;
    });
    $("shown").textContent=shown+(shown===1?" person shown":" people shown");
    $("empty").hidden=shown>0;
  }
  ["f-person","f-group","f-target","f-soon","f-overdue","f-guest"].forEach(function(id){$(id).addEventListener("input",apply);$(id).addEventListener("change",apply)});
  $("f-open").addEventListener("click",function(){document.querySelectorAll("#matrix details").forEach(function(d){d.open=true})});
  var closed=[];
  window.addEventListener("beforeprint",function(){closed=[];document.querySelectorAll("#matrix tr:not(.hidden) details:not([open])").forEach(function(d){closed.push(d);d.open=true})});
  window.addEventListener("afterprint",function(){closed.forEach(function(d){d.open=false});closed=[]});
  apply();
})();
`;
