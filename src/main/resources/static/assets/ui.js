// AI Hub admin UI: charts (uPlot), copy buttons, the organization switcher, the keys' batch form. No build step.
(function () {
  function fmtDate(ts) { return new Date(ts * 1000).toISOString().slice(5, 10); }
  function draw(el) {
    if (!window.uPlot) return;
    var c = JSON.parse(el.getAttribute('data-chart'));
    var width = Math.max(200, el.clientWidth || 300);
    var series = [{}].concat(c.series.map(function (s) {
      var known = s.values.filter(function (v) { return v !== null; }).length;
      var o = { label: s.label, stroke: s.color, width: 2, spanGaps: false, points: { show: known < 3 } };
      if (s.dashed) o.dash = [6, 4];
      if (c.kind === 'bars') { o.fill = s.color + '55'; o.paths = uPlot.paths.bars({ size: [0.7, 40] }); o.points = { show: false }; }
      return o;
    }));
    var data = [c.x].concat(c.series.map(function (s) {
      return s.values.map(function (v) { return v === null ? null : Number(v); });
    }));
    el.innerHTML = '';
    new uPlot({ width: width, height: 220, series: series,
      axes: [{ values: function (u, vals) { return vals.map(fmtDate); } }, { size: 60 }],
      scales: { x: { time: false } } }, data, el);
  }
  function drawAll() { document.querySelectorAll('[data-chart]').forEach(draw); }
  document.addEventListener('DOMContentLoaded', function () {
    drawAll();
    var t; window.addEventListener('resize', function () { clearTimeout(t); t = setTimeout(drawAll, 150); });
    document.querySelectorAll('[data-autosubmit]').forEach(function (s) {
      s.addEventListener('change', function () { s.form.submit(); });
    });
    // Batch update: typing a value ticks "change this setting" (without script, tick it by hand).
    document.querySelectorAll('[data-change]').forEach(function (i) {
      var tick = function () { document.getElementById(i.getAttribute('data-change')).checked = true; };
      i.addEventListener('input', tick); i.addEventListener('change', tick);
    });
    document.querySelectorAll('[data-select-all]').forEach(function (all) {
      all.addEventListener('change', function () {
        all.form.querySelectorAll('input[name="' + all.getAttribute('data-select-all') + '"]')
          .forEach(function (c) { c.checked = all.checked; });
      });
    });
    document.querySelectorAll('[data-copy]').forEach(function (b) {
      b.addEventListener('click', function () {
        var text = document.querySelector(b.getAttribute('data-copy')).textContent.trim();
        var done = function () { b.textContent = 'Copied'; };
        if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done); }
        else { var r = document.createRange(); r.selectNodeContents(document.querySelector(b.getAttribute('data-copy')));
          var s = window.getSelection(); s.removeAllRanges(); s.addRange(r); document.execCommand('copy'); done(); }
      });
    });
  });
  document.addEventListener('htmx:afterSwap', drawAll);
})();
