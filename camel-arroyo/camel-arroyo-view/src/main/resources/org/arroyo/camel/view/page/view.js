// The arroyo live view: one WebSocket (BASE/ws) brings every view's state (JSON text) and latest frames (binary:
// a 4-byte big-endian header length, a JSON header, padding to 4 bytes, little-endian float32 images and curves).
// Plain canvas, no library: the page works offline.
'use strict';

(function () {
  const COLORMAPS = {
    // 11 evenly spaced samples of matplotlib's viridis and magma, interpolated to 256 entries
    viridis: ['#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c', '#22a884', '#44bf70', '#7ad151',
      '#bddf26', '#fde725'],
    magma: ['#000004', '#140e36', '#3b0f70', '#641a80', '#8c2981', '#b73779', '#de4968', '#f7705c', '#fe9f6d',
      '#fecf92', '#fcfdbf'],
    gray: ['#000000', '#ffffff']
  };
  const MASK = [90, 20, 30];
  const CURVE_COLOR = '#ff9f1c';
  const luts = {};

  const views = new Map();
  const statusEl = document.getElementById('status');
  let socket = null;
  let retryDelay = 500;

  function lut(name) {
    if (!luts[name]) {
      const stops = COLORMAPS[name].map(hex => [1, 3, 5].map(i => parseInt(hex.substr(i, 2), 16)));
      const table = new Uint8Array(256 * 3);
      for (let i = 0; i < 256; i++) {
        const x = i / 255 * (stops.length - 1);
        const k = Math.min(stops.length - 2, Math.floor(x));
        const f = x - k;
        for (let c = 0; c < 3; c++) {
          table[i * 3 + c] = Math.round(stops[k][c] + (stops[k + 1][c] - stops[k][c]) * f);
        }
      }
      luts[name] = table;
    }
    return luts[name];
  }

  function fmt(v) {
    if (typeof v === 'number') {
      if (!isFinite(v)) {
        return String(v);
      }
      return Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+$/, '');
    }
    if (v === null || v === undefined) {
      return '';
    }
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }

  function fillTable(table, map) {
    table.replaceChildren();
    if (!map) {
      return;
    }
    for (const [k, v] of Object.entries(map)) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      const td = document.createElement('td');
      th.textContent = k;
      td.textContent = fmt(v);
      tr.append(th, td);
      table.append(tr);
    }
  }

  function panel(name) {
    let p = views.get(name);
    if (p) {
      return p;
    }
    document.getElementById('empty')?.remove();
    const root = document.getElementById('view-template').content.firstElementChild.cloneNode(true);
    root.id = 'view-' + name;
    root.dataset.view = name;
    root.querySelector('.name').textContent = name;
    const q = sel => root.querySelector(sel);
    p = {
      name, root, images: new Map(), curves: [], curveHistory: 5, latest: null,
      colormap: q('.colormap'), scale: q('.scale'), autoContrast: q('.auto-contrast'), pause: q('.pause'),
      curveCanvas: q('canvas.curve'), peak: q('.peak')
    };
    for (const control of [p.colormap, p.scale, p.autoContrast]) {
      control.addEventListener('change', () => redraw(p));
    }
    const names = [...views.keys(), name].sort();
    const main = document.getElementById('views');
    const after = names.indexOf(name) + 1 < names.length ? views.get(names[names.indexOf(name) + 1]).root : null;
    main.insertBefore(root, after);
    views.set(name, p);
    const nav = document.getElementById('view-list');
    nav.replaceChildren(...names.map(n => {
      const a = document.createElement('a');
      a.href = '#view-' + n;
      a.textContent = n;
      return a;
    }));
    return p;
  }

  function onState(message) {
    for (const v of message.views) {
      const p = panel(v.name);
      const set = (cls, value) => { p.root.querySelector(cls).textContent = fmt(value); };
      set('.frames', v.frames);
      set('.fps', v.framesPerSecond);
      set('.mbps', v.megabytesPerSecond);
      set('.missing', v.missing);
      set('.dropped', v.dropped);
      set('.errors', v.errors);
      set('.runs', v.runs);
      const state = p.root.querySelector('.run-state');
      state.textContent = v.running ? 'running' : v.stop ? 'stopped' : v.start ? '' : 'waiting for a run';
      state.classList.toggle('running', v.running);
      const startKey = JSON.stringify(v.start);
      if (startKey !== p.startKey) {
        p.startKey = startKey;
        fillTable(p.root.querySelector('table.start'), v.start);
        if (v.start) {
          p.curves = [];
        }
      }
      fillTable(p.root.querySelector('table.stop'), v.stop || (v.running ? { '': 'running' } : null));
      p.curveHistory = v.curveHistory;
    }
  }

  function onFrame(buffer) {
    const headerLength = new DataView(buffer).getUint32(0);
    const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength)));
    const base = (4 + headerLength + 3) & ~3;
    const p = panel(header.view);
    if (p.pause.checked) {
      // the frame on screen stays for a closer look; the counters go on
      return;
    }
    p.latest = header;
    const frameNumber = header.metadata && header.metadata.frame_number !== undefined
      ? header.metadata.frame_number : '#' + header.seq;
    p.root.querySelector('.frame-number').textContent = fmt(frameNumber);
    fillTable(p.root.querySelector('table.metadata'), header.metadata);
    const seen = new Set();
    for (const img of header.images) {
      seen.add(img.name);
      const pixels = new Float32Array(buffer, base + img.offset, img.width * img.height);
      let entry = p.images.get(img.name);
      if (!entry) {
        const figure = document.createElement('figure');
        figure.className = 'image';
        figure.dataset.array = img.name;
        const canvas = document.createElement('canvas');
        canvas.className = 'image';
        canvas.dataset.array = img.name;
        const caption = document.createElement('figcaption');
        figure.append(canvas, caption);
        p.root.querySelector('.images').append(figure);
        entry = { figure, canvas, caption };
        p.images.set(img.name, entry);
        sendSize();
      }
      entry.header = img;
      entry.pixels = pixels;
      drawImage(p, entry);
    }
    for (const [name, entry] of p.images) {
      if (!seen.has(name)) {
        entry.figure.remove();
        p.images.delete(name);
      }
    }
    if (header.curves.length > 0) {
      const c = header.curves[0];
      p.curves.push({ name: c.name, step: c.step, values: new Float32Array(buffer, base + c.offset, c.length).slice(), seq: header.seq });
      while (p.curves.length > p.curveHistory + 1) {
        p.curves.shift();
      }
    }
    drawCurves(p);
  }

  function redraw(p) {
    for (const entry of p.images.values()) {
      drawImage(p, entry);
    }
  }

  function drawImage(p, entry) {
    const img = entry.header;
    const pixels = entry.pixels;
    const canvas = entry.canvas;
    if (canvas.width !== img.width || canvas.height !== img.height) {
      canvas.width = img.width;
      canvas.height = img.height;
    }
    const auto = p.autoContrast.checked;
    let lo = auto ? img.low : img.min;
    let hi = auto ? img.high : img.max;
    if (lo === null || hi === null) {
      lo = 0;
      hi = 1;
    }
    if (!(hi > lo)) {
      hi = lo + 1;
    }
    const log = p.scale.value === 'log';
    const span = log ? Math.log1p(hi - lo) : hi - lo;
    const table = lut(p.colormap.value);
    const out = new ImageData(img.width, img.height);
    const d = out.data;
    for (let i = 0; i < pixels.length; i++) {
      const v = pixels[i];
      let o = i * 4;
      if (v !== v) {
        d[o] = MASK[0];
        d[o + 1] = MASK[1];
        d[o + 2] = MASK[2];
      } else {
        const x = v <= lo ? 0 : v >= hi ? 1 : (log ? Math.log1p(v - lo) : v - lo) / span;
        const k = Math.round(x * 255) * 3;
        d[o] = table[k];
        d[o + 1] = table[k + 1];
        d[o + 2] = table[k + 2];
      }
      d[o + 3] = 255;
    }
    canvas.getContext('2d').putImageData(out, 0, 0);
    canvas.dataset.sourceWidth = img.sourceWidth;
    canvas.dataset.sourceHeight = img.sourceHeight;
    entry.caption.textContent = img.name + ' \u00b7 ' + img.dtype + ' ' + img.sourceHeight + ' \u00d7 ' + img.sourceWidth
      + (img.binning > 1 ? ' \u00b7 binned ' + img.binning + ' \u00d7 ' + img.binning : '')
      + ' \u00b7 ' + (auto ? 'auto contrast ' : 'range ') + fmt(lo) + ' \u2013 ' + fmt(hi)
      + (img.masked ? ' \u00b7 ' + img.masked + ' masked' : '');
  }

  function drawCurves(p) {
    const canvas = p.curveCanvas;
    const g = canvas.getContext('2d');
    const W = canvas.width;
    const H = canvas.height;
    const left = 56;
    const right = 12;
    const top = 12;
    const bottom = 28;
    const pw = W - left - right;
    const ph = H - top - bottom;
    g.clearRect(0, 0, W, H);
    Object.assign(canvas.dataset, { plotLeft: left, plotTop: top, plotWidth: pw, plotHeight: ph });
    if (p.curves.length === 0) {
      p.peak.textContent = 'no curve yet';
      return;
    }
    let ymin = Infinity;
    let ymax = -Infinity;
    let n = 0;
    for (const c of p.curves) {
      n = Math.max(n, c.values.length);
      for (const v of c.values) {
        if (v === v) {
          ymin = Math.min(ymin, v);
          ymax = Math.max(ymax, v);
        }
      }
    }
    if (!(ymax > ymin)) {
      ymax = ymin + 1;
    }
    if (!isFinite(ymin)) {
      ymin = 0;
      ymax = 1;
    }
    const latest = p.curves[p.curves.length - 1];
    const xs = i => left + (n > 1 ? i / (n - 1) : 0.5) * pw;
    const ys = v => top + (1 - (v - ymin) / (ymax - ymin)) * ph;
    // axes and labels
    g.strokeStyle = '#2f3541';
    g.lineWidth = 1;
    g.strokeRect(left, top, pw, ph);
    g.fillStyle = '#8b93a3';
    g.font = '11px system-ui, sans-serif';
    g.textAlign = 'right';
    g.fillText(fmt(ymax), left - 4, top + 9);
    g.fillText(fmt(ymin), left - 4, top + ph);
    g.textAlign = 'center';
    g.fillText('0', left, H - 10);
    g.fillText(String((n - 1) * latest.step), left + pw, H - 10);
    g.fillText(latest.name + (latest.step > 1 ? ' (max of every ' + latest.step + ')' : ''), left + pw / 2, H - 10);
    // earlier curves faded, the latest on top
    p.curves.forEach((c, k) => {
      const last = k === p.curves.length - 1;
      g.strokeStyle = last ? CURVE_COLOR : 'rgba(140, 170, 220, ' + (0.15 + 0.5 * (k + 1) / p.curves.length) + ')';
      g.lineWidth = last ? 2 : 1;
      g.beginPath();
      let drawing = false;
      c.values.forEach((v, i) => {
        if (v !== v) {
          drawing = false;
          return;
        }
        if (drawing) {
          g.lineTo(xs(i), ys(v));
        } else {
          g.moveTo(xs(i), ys(v));
          drawing = true;
        }
      });
      g.stroke();
    });
    let peak = -1;
    latest.values.forEach((v, i) => {
      if (v === v && (peak < 0 || v > latest.values[peak])) {
        peak = i;
      }
    });
    canvas.dataset.points = latest.values.length;
    canvas.dataset.step = latest.step;
    canvas.dataset.peakIndex = peak * latest.step;
    p.peak.dataset.peakIndex = peak * latest.step;
    p.peak.dataset.frameSeq = latest.seq;
    p.peak.textContent = peak < 0 ? 'no finite value'
      : latest.name + ': peak ' + fmt(latest.values[peak]) + ' at index ' + peak * latest.step
        + ' \u00b7 ' + p.curves.length + ' curve' + (p.curves.length > 1 ? 's' : '') + ' shown';
  }

  // the server bins images to what the page shows: the widest image panel in device pixels
  function sendSize() {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return;
    }
    let widest = 0;
    for (const p of views.values()) {
      for (const e of p.images.values()) {
        widest = Math.max(widest, e.figure.getBoundingClientRect().width);
      }
    }
    if (widest === 0) {
      widest = Math.min(window.innerWidth, 760);
    }
    socket.send(JSON.stringify({ maxSize: Math.ceil(widest * (window.devicePixelRatio || 1)) }));
  }

  function connect() {
    const url = new URL('ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(url.href);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => {
      retryDelay = 500;
      statusEl.textContent = 'live';
      statusEl.classList.add('open');
      sendSize();
    };
    socket.onmessage = event => {
      try {
        if (typeof event.data === 'string') {
          const message = JSON.parse(event.data);
          if (message.type === 'hello') {
            message.views.forEach(panel);
          } else if (message.type === 'state') {
            onState(message);
          }
        } else {
          onFrame(event.data);
        }
      } catch (e) {
        console.error('arroyo view: a message could not be shown', e);
      }
    };
    socket.onclose = () => {
      statusEl.textContent = 'disconnected, retrying\u2026';
      statusEl.classList.remove('open');
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(5000, retryDelay * 2);
    };
  }

  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(sendSize, 300);
  });
  connect();
})();
