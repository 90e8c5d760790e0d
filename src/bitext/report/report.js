// Progressive enhancement of the HTML report: the page works without this (filters are CSS).
// Adds sorting, a live count of the rows shown, and opens the folded section a link points into.
(function(){
var form=document.getElementById('triage');if(!form)return;
var rows=Array.prototype.slice.call(document.querySelectorAll('tr.link'));
Array.prototype.forEach.call(document.querySelectorAll('.js-only'),function(e){e.hidden=false;});
function chosen(n){var e=form.querySelector('input[name='+n+']:checked');return e?e.value:'';}
function has(row,attr,v){return !v||(' '+(row.getAttribute(attr)||'')+' ').indexOf(' '+v+' ')>=0;}
function apply(){
 var f={sev:chosen('sev'),kind:chosen('kind'),status:chosen('status'),band:chosen('band')},n=0;
 rows.forEach(function(r){var ok=has(r,'data-sevs',f.sev)&&has(r,'data-kinds',f.kind)&&
  has(r,'data-statuses',f.status)&&has(r,'data-band',f.band);r.hidden=!ok;if(ok)n++;});
 document.getElementById('shown').textContent='showing '+n+' of '+rows.length+' links';
}
function key(r,how){
 var order=+r.getAttribute('data-order'),score=+r.getAttribute('data-score'),rank=+r.getAttribute('data-rank');
 if(how==='order')return [order];if(how==='score-asc')return [score,order];
 if(how==='score-desc')return [-score,order];return [rank,order];
}
function sort(){
 var how=document.getElementById('sort').value;
 Array.prototype.forEach.call(document.querySelectorAll('table.links tbody'),function(tb){
  var rs=Array.prototype.slice.call(tb.querySelectorAll('tr.link'));
  rs.sort(function(a,b){var x=key(a,how),y=key(b,how);for(var i=0;i<x.length;i++){if(x[i]!==y[i])return x[i]-y[i];}return 0;});
  rs.forEach(function(r){tb.appendChild(r);});
 });
}
function reveal(){var id=location.hash.slice(1);if(!id)return;var el=document.getElementById(id);if(!el)return;
 var d=el.closest('details');if(d&&!d.open){d.open=true;el.scrollIntoView();}}
form.addEventListener('change',apply);
document.getElementById('sort').addEventListener('change',sort);
window.addEventListener('hashchange',reveal);
window.addEventListener('beforeprint',function(){Array.prototype.forEach.call(document.querySelectorAll('details'),function(d){d.open=true;});});
apply();reveal();
})();
