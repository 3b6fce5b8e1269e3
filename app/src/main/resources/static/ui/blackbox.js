// Small behaviours of the Blackbox pages; everything works without them, only less smoothly.
(function () {
    "use strict";

    function duration(ms) {
        var s = Math.max(0, Math.floor(ms / 1000));
        var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), r = s % 60;
        function two(n) { return (n < 10 ? "0" : "") + n; }
        if (d > 0) return d + "d " + h + "h " + two(m) + "m";
        if (h > 0) return h + "h " + two(m) + "m " + two(r) + "s";
        if (m > 0) return m + "m " + two(r) + "s";
        return r + "s";
    }

    // Open incidents and open hypotheses: their duration counts up every second.
    function tick() {
        var now = Date.now();
        document.querySelectorAll(".ticking[data-since]").forEach(function (el) {
            el.textContent = duration(now - Number(el.getAttribute("data-since")));
        });
    }

    // The time slider: show the moment it points at, and go there when it is let go.
    function slider() {
        var input = document.getElementById("asOf");
        var output = document.getElementById("asOf-output");
        if (!input || !output) return;
        function show() { output.textContent = new Date(Number(input.value) * 1000).toISOString().replace(".000Z", "Z"); }
        input.addEventListener("input", show);
        input.addEventListener("change", function () { input.form.submit(); });
        show();
    }

    // Charts: data-chart holds {kind, unit, x, names, series}; uPlot draws it.
    var COLOURS = ["#0b4fa8", "#8a1c00", "#0c5d2a", "#7a4b00", "#5b2a86"];
    function charts() {
        if (typeof uPlot === "undefined") return;
        document.querySelectorAll(".chart[data-chart]").forEach(function (el) {
            var chart = JSON.parse(el.getAttribute("data-chart"));
            if (!chart.x || chart.x.length === 0) {
                el.textContent = "No data yet.";
                return;
            }
            var bars = chart.kind === "bars";
            var series = [{}].concat(chart.series.map(function (s, i) {
                var options = { label: s.label, stroke: COLOURS[i % COLOURS.length], width: 2, spanGaps: true };
                if (bars) {
                    options.fill = COLOURS[i % COLOURS.length];
                    options.paths = uPlot.paths.bars({ size: [0.8 / chart.series.length, 60], align: 0, gap: 1 });
                    options.width = 0;
                }
                return options;
            }));
            var xAxis = bars
                ? { values: function (u, ticks) { return ticks.map(function (t) { return chart.names[t] || ""; }); } }
                : {};
            var options = {
                width: Math.max(280, el.clientWidth),
                height: 220,
                scales: { x: { time: !bars } },
                series: series,
                axes: [xAxis, { label: chart.unit }]
            };
            if (bars) {
                options.scales.x.range = function () { return [-0.5, chart.names.length - 0.5]; };
                options.axes[0].splits = function () { return chart.x; };
            }
            var data = [chart.x].concat(chart.series.map(function (s) { return s.values; }));
            new uPlot(options, data, el);
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        tick();
        setInterval(tick, 1000);
        slider();
        charts();
    });
})();
