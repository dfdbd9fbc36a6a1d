// The Taskbridge sandbox page: renders the Block Kit the service sends, as one of three people.
// Every action goes to the sandbox's server side, which signs it as Slack would and sends it
// through the service's /slack/events. No build step: plain browser JavaScript.
(function () {
  'use strict';

  var EMOJI = {
    warning: '\u26A0\uFE0F', white_check_mark: '\u2705', x: '\u274C', no_entry: '\u26D4', alarm_clock: '\u23F0',
    hourglass_flowing_sand: '\u23F3', hourglass: '\u231B', white_circle: '\u26AA', no_entry_sign: '\uD83D\uDEAB',
    large_blue_circle: '\uD83D\uDD35', ballot_box_with_check: '\u2611\uFE0F', zzz: '\uD83D\uDCA4',
    small_orange_diamond: '\uD83D\uDD38', small_blue_diamond: '\uD83D\uDD39', red_circle: '\uD83D\uDD34',
    raised_hand: '\u270B', eyes: '\uD83D\uDC40', tada: '\uD83C\uDF89', memo: '\uD83D\uDCDD', calendar: '\uD83D\uDCC5',
    bell: '\uD83D\uDD14', heavy_check_mark: '\u2714\uFE0F', information_source: '\u2139\uFE0F', wave: '\uD83D\uDC4B',
    arrow_right: '\u27A1\uFE0F', speech_balloon: '\uD83D\uDCAC', link: '\uD83D\uDD17', lock: '\uD83D\uDD12'
  };

  var ws = null;            // the workspace: people, their channels, the bot
  var me = null;            // the person acted as
  var place = null;         // the conversation shown
  var tab = 'messages';     // 'messages' or 'home' in the app's conversation
  var snap = null;          // what `me` sees
  var shownModal = '';      // the modal on screen (id + view), so typing survives re-renders
  var loading = null;

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function escapeHtml(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function person(id) {
    for (var i = 0; i < ws.people.length; i++) { if (ws.people[i].id === id) { return ws.people[i]; } }
    return null;
  }
  function channelName(id) {
    for (var i = 0; i < ws.people.length; i++) {
      var cs = ws.people[i].channels;
      for (var j = 0; j < cs.length; j++) { if (cs[j].id === id && cs[j].kind !== 'im') { return cs[j].name; } }
    }
    return null;
  }
  function toast(text) {
    var t = $('toast');
    t.textContent = text;
    t.className = 'show';
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { t.className = ''; }, 5000);
  }
  function post(path, body) {
    body.as = me.id;
    return fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (!answer.ok && answer.error) { toast(answer.error); }
        return answer;
      });
  }

  // ---- dates: Slack's <!date^…> tokens, shown in the viewer's own time zone ----
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
    'November', 'December'];
  function partsIn(date, tz) {
    var f = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: 'numeric', day: 'numeric',
      weekday: 'long', hour: 'numeric', minute: '2-digit', second: '2-digit', hour12: true });
    var out = {};
    f.formatToParts(date).forEach(function (p) { out[p.type] = p.value; });
    return { y: +out.year, m: +out.month, d: +out.day, weekday: out.weekday, hour: out.hour, minute: out.minute,
      second: out.second, ampm: (out.dayPeriod || '').toUpperCase() };
  }
  function ordinal(n) {
    var s = ['th', 'st', 'nd', 'rd'], v = n % 100;
    return n + (s[(v - 20) % 10] || s[v] || s[0]);
  }
  function dayOffset(p, tz) {
    var now = partsIn(new Date(), tz);
    return Math.round((Date.UTC(p.y, p.m - 1, p.d) - Date.UTC(now.y, now.m - 1, now.d)) / 86400000);
  }
  function pretty(p, tz, plain) {
    var off = dayOffset(p, tz);
    if (off === 0) { return 'Today'; }
    if (off === 1) { return 'Tomorrow'; }
    if (off === -1) { return 'Yesterday'; }
    return plain;
  }
  function formatDate(epoch, format, tz) {
    var p = partsIn(new Date(epoch * 1000), tz);
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    var shortD = MONTHS[p.m - 1].slice(0, 3) + ' ' + p.d + ', ' + p.y;
    var longD = MONTHS[p.m - 1] + ' ' + ordinal(p.d) + ', ' + p.y;
    var values = {
      date_num: p.y + '-' + pad(p.m) + '-' + pad(p.d),
      date: longD,
      date_short: shortD,
      date_long: p.weekday + ', ' + longD,
      date_pretty: pretty(p, tz, longD),
      date_short_pretty: pretty(p, tz, shortD),
      date_long_pretty: pretty(p, tz, p.weekday + ', ' + longD),
      time: p.hour + ':' + p.minute + ' ' + p.ampm,
      time_secs: p.hour + ':' + p.minute + ':' + p.second + ' ' + p.ampm,
      day_divider_pretty: pretty(p, tz, p.weekday + ', ' + MONTHS[p.m - 1] + ' ' + ordinal(p.d))
    };
    return format.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }

  // ---- mrkdwn ----
  function token(inner) {
    var bar = inner.indexOf('|');
    var target = bar < 0 ? inner : inner.slice(0, bar);
    var label = bar < 0 ? null : inner.slice(bar + 1);
    if (target.charAt(0) === '@') {
      var p = person(target.slice(1));
      var name = p ? p.name : (target.slice(1) === ws.bot.id ? ws.bot.name : (label || target.slice(1)));
      return '<span class="mention">@' + escapeHtml(name) + '</span>';
    }
    if (target.charAt(0) === '#') {
      return '<span class="mention">#' + escapeHtml(label || channelName(target.slice(1)) || target.slice(1)) + '</span>';
    }
    if (target.indexOf('!date^') === 0) {
      var bits = target.split('^');
      var shown = formatDate(parseInt(bits[1], 10), bits[2] || '{date_short} {time}', me.tz);
      return '<span class="date" title="' + escapeHtml(me.tz) + '">' + escapeHtml(shown) + '</span>';
    }
    if (target.charAt(0) === '!') {
      var word = target.slice(1).split('^')[0];
      return '<span class="mention">@' + escapeHtml(label || word) + '</span>';
    }
    if (/^(https?:|mailto:)/.test(target)) {
      return '<a href="' + escapeHtml(target) + '" target="_blank" rel="noopener">' + escapeHtml(label || target) + '</a>';
    }
    return escapeHtml('<' + inner + '>');
  }
  function decode(s) { return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'); }
  function mrkdwn(text) {
    var held = [];
    var hold = function (html) { held.push(html); return '\u0000' + (held.length - 1) + '\u0000'; };
    var s = String(text || '');
    s = s.replace(/```([\s\S]*?)```/g, function (a, code) { return hold('<pre>' + escapeHtml(decode(code)) + '</pre>'); });
    s = s.replace(/`([^`\n]+)`/g, function (a, code) { return hold('<code>' + escapeHtml(decode(code)) + '</code>'); });
    s = s.replace(/<([^<>\n]+)>/g, function (a, inner) { return hold(token(inner)); });
    s = escapeHtml(decode(s));
    s = s.replace(/:([a-z0-9_+-]+):/g, function (a, name) { return EMOJI[name] || a; });
    s = s.replace(/(^|[\s(\u0000>])\*([^*\n]+?)\*(?=$|[\s).,!?:;\u0000])/g, '$1<b>$2</b>');
    s = s.replace(/(^|[\s(\u0000>])_([^_\n]+?)_(?=$|[\s).,!?:;\u0000])/g, '$1<i>$2</i>');
    s = s.replace(/(^|[\s(\u0000>])~([^~\n]+?)~(?=$|[\s).,!?:;\u0000])/g, '$1<s>$2</s>');
    s = s.split('\n').map(function (line) {
      return line.indexOf('&gt; ') === 0 ? '<blockquote>' + line.slice(5) + '</blockquote>' : line;
    }).join('<br>').replace(/<\/blockquote><br>/g, '</blockquote>');
    return s.replace(/\u0000(\d+)\u0000/g, function (a, i) { return held[+i]; });
  }
  function textEl(t, tag) {
    var e = el(tag || 'div', 'text');
    if (!t) { return e; }
    if (t.type === 'mrkdwn') { e.innerHTML = mrkdwn(t.text); } else {
      e.textContent = t.emoji === false ? t.text : t.text.replace(/:([a-z0-9_+-]+):/g, function (a, n) { return EMOJI[n] || a; });
    }
    return e;
  }

  // ---- Block Kit ----
  // `where` says what an interactive element acts on: {channel, ts} for a message, {viewId, home} for a view.
  function renderBlocks(blocks, where) {
    var root = el('div', 'blocks');
    (blocks || []).forEach(function (b, i) {
      var blockId = b.block_id || ('sandbox-' + i);
      var e;
      switch (b.type) {
        case 'section':
          e = el('div', 'block section-block');
          var main = el('div', 'text');
          if (b.text) { main.appendChild(textEl(b.text)); }
          if (b.fields) {
            var f = el('div', 'fields');
            b.fields.forEach(function (t) { f.appendChild(textEl(t)); });
            main.appendChild(f);
          }
          e.appendChild(main);
          if (b.accessory) { e.appendChild(element(b.accessory, blockId, where)); }
          break;
        case 'context':
          e = el('div', 'block context');
          (b.elements || []).forEach(function (t) {
            e.appendChild(t.type === 'image' ? el('span', '', '[' + (t.alt_text || 'image') + ']') : textEl(t, 'span'));
          });
          break;
        case 'actions':
          e = el('div', 'block actions');
          (b.elements || []).forEach(function (x) { e.appendChild(element(x, blockId, where)); });
          break;
        case 'divider':
          e = el('hr', 'divider');
          break;
        case 'header':
          e = el('div', 'block header-block');
          e.appendChild(textEl(b.text, 'span'));
          break;
        case 'image':
          e = el('div', 'block context', '[image: ' + (b.alt_text || '') + ']');
          break;
        case 'input':
          e = inputBlock(b, blockId);
          break;
        default:
          e = el('div', 'block context', b.text && b.text.text ? b.text.text : '');
      }
      e.setAttribute('data-block-id', blockId);
      root.appendChild(e);
    });
    return root;
  }

  function act(where, action) {
    var body = { action: action };
    if (where.viewId) { body.viewId = where.viewId; body.home = !!where.home; } else { body.channel = where.channel; body.ts = where.ts; }
    return post('/try/action', body);
  }
  function optionOf(o) { return { text: o.text, value: o.value }; }
  function allOptions(x) {
    var out = (x.options || []).slice();
    (x.option_groups || []).forEach(function (g) { out = out.concat(g.options || []); });
    return out;
  }

  // An interactive element in a message, on the App Home tab, or in a modal's actions block.
  function element(x, blockId, where) {
    var base = { action_id: x.action_id, block_id: blockId, type: x.type };
    if (x.type === 'button') {
      var b = el('button', 'btn' + (x.style ? ' ' + x.style : ''), x.text ? x.text.text : '');
      b.type = 'button';
      b.setAttribute('data-action-id', x.action_id || '');
      b.addEventListener('click', function () {
        if (x.url) { window.open(x.url, '_blank', 'noopener'); }
        b.disabled = true;
        act(where, Object.assign(base, { value: x.value, text: x.text, style: x.style }))
          .then(function () { b.disabled = false; }, function () { b.disabled = false; });
      });
      return b;
    }
    if (x.type === 'static_select' || x.type === 'overflow' || x.type === 'users_select') {
      var s = el('select', 'el');
      s.setAttribute('data-action-id', x.action_id || '');
      s.appendChild(el('option', '', x.placeholder ? x.placeholder.text : 'Choose…')).value = '';
      var opts = x.type === 'users_select' ? ws.people.map(function (p) { return { text: { type: 'plain_text', text: p.name }, value: p.id }; }) : allOptions(x);
      opts.forEach(function (o) { var op = el('option', '', o.text.text); op.value = o.value; s.appendChild(op); });
      s.addEventListener('change', function () {
        if (!s.value) { return; }
        var picked = opts.filter(function (o) { return o.value === s.value; })[0];
        var a = x.type === 'users_select' ? { selected_user: s.value } : { selected_option: optionOf(picked) };
        act(where, Object.assign(base, a));
      });
      return s;
    }
    if (x.type === 'datepicker') {
      var d = el('input', 'el');
      d.type = 'date';
      d.value = x.initial_date || '';
      d.addEventListener('change', function () { act(where, Object.assign(base, { selected_date: d.value })); });
      return d;
    }
    if (x.type === 'image') { return el('span', 'context', '[' + (x.alt_text || 'image') + ']'); }
    return el('span', 'context', '[' + x.type + ']');
  }

  // ---- modal inputs ----
  function inputBlock(b, blockId) {
    var wrap = el('div', 'block input-block');
    var x = b.element || {};
    var label = el('label');
    label.appendChild(textEl(b.label, 'span'));
    if (b.optional) { label.appendChild(el('span', 'optional', ' (optional)')); }
    wrap.appendChild(label);
    var field;
    switch (x.type) {
      case 'plain_text_input':
        field = el(x.multiline ? 'textarea' : 'input', 'el');
        if (!x.multiline) { field.type = 'text'; }
        if (x.max_length) { field.maxLength = x.max_length; }
        field.value = x.initial_value || '';
        break;
      case 'number_input':
        field = el('input', 'el');
        field.type = 'number';
        field.step = x.is_decimal_allowed ? 'any' : '1';
        field.value = x.initial_value || '';
        break;
      case 'email_text_input': case 'url_text_input':
        field = el('input', 'el');
        field.type = x.type === 'email_text_input' ? 'email' : 'url';
        field.value = x.initial_value || '';
        break;
      case 'static_select': case 'users_select': case 'conversations_select': case 'channels_select':
        field = el('select', 'el');
        var choices = selectChoices(x);
        var initial = x.initial_option ? x.initial_option.value : (x.initial_user || x.initial_conversation || x.initial_channel || '');
        if (!initial) { field.appendChild(el('option', '', x.placeholder ? x.placeholder.text : 'Choose…')).value = ''; }
        choices.forEach(function (o) {
          var op = el('option', '', o.text.text);
          op.value = o.value;
          if (o.value === initial) { op.selected = true; }
          field.appendChild(op);
        });
        break;
      case 'multi_users_select': case 'multi_static_select': case 'checkboxes': case 'radio_buttons':
        field = el('div', 'el choices');
        var many = x.type !== 'radio_buttons';
        var picked = (x.initial_users || (x.initial_options || []).map(function (o) { return o.value; }))
          .concat(x.initial_option ? [x.initial_option.value] : []);
        selectChoices(x).forEach(function (o) {
          var l = el('label', 'choice');
          var c = el('input');
          c.type = many ? 'checkbox' : 'radio';
          c.name = blockId;
          c.value = o.value;
          c.checked = picked.indexOf(o.value) >= 0;
          l.appendChild(c);
          l.appendChild(document.createTextNode(' ' + o.text.text));
          field.appendChild(l);
        });
        break;
      case 'datepicker':
        field = el('input', 'el');
        field.type = 'date';
        field.value = x.initial_date || '';
        break;
      case 'timepicker':
        field = el('input', 'el');
        field.type = 'time';
        field.value = x.initial_time || '';
        break;
      default:
        field = el('div', 'context', '[' + x.type + ' is not shown in the sandbox]');
    }
    if (x.placeholder && 'placeholder' in field && x.placeholder.text) { field.placeholder = x.placeholder.text; }
    field.setAttribute('data-action-id', x.action_id || '');
    field.setAttribute('data-type', x.type || '');
    wrap.appendChild(field);
    if (b.hint) { wrap.appendChild(textEl(b.hint, 'div')).className = 'hint'; }
    wrap.appendChild(el('div', 'input-error'));
    return wrap;
  }
  function selectChoices(x) {
    if (x.type === 'users_select' || x.type === 'multi_users_select') {
      return ws.people.map(function (p) { return { text: { type: 'plain_text', text: p.name }, value: p.id }; });
    }
    if (x.type === 'conversations_select' || x.type === 'channels_select') {
      return me.channels.filter(function (c) { return c.kind !== 'im'; })
        .map(function (c) { return { text: { type: 'plain_text', text: '#' + c.name }, value: c.id }; });
    }
    return allOptions(x);
  }
  // state.values as Slack sends them with a view_submission
  function stateValues(form) {
    var values = {};
    form.querySelectorAll('.input-block').forEach(function (blockEl) {
      var field = blockEl.querySelector('[data-type]');
      if (!field) { return; }
      var type = field.getAttribute('data-type');
      var v = { type: type };
      var options = function () { return Array.prototype.slice.call(field.querySelectorAll('input:checked')); };
      switch (type) {
        case 'static_select':
          var o = field.selectedOptions[0];
          v.selected_option = o && o.value ? { text: { type: 'plain_text', text: o.textContent }, value: o.value } : null;
          break;
        case 'users_select': v.selected_user = field.value || null; break;
        case 'conversations_select': v.selected_conversation = field.value || null; break;
        case 'channels_select': v.selected_channel = field.value || null; break;
        case 'multi_users_select': v.selected_users = options().map(function (c) { return c.value; }); break;
        case 'multi_static_select': case 'checkboxes':
          v.selected_options = options().map(function (c) {
            return { text: { type: 'plain_text', text: c.parentNode.textContent.trim() }, value: c.value };
          });
          break;
        case 'radio_buttons':
          var r = options()[0];
          v.selected_option = r ? { text: { type: 'plain_text', text: r.parentNode.textContent.trim() }, value: r.value } : null;
          break;
        case 'datepicker': v.selected_date = field.value || null; break;
        case 'timepicker': v.selected_time = field.value || null; break;
        default: v.value = field.value === '' ? null : field.value;
      }
      var blockId = blockEl.getAttribute('data-block-id');
      values[blockId] = values[blockId] || {};
      values[blockId][field.getAttribute('data-action-id')] = v;
    });
    return values;
  }

  function renderModal() {
    var root = $('modal-root');
    var m = snap && snap.modal;
    var key = m ? m.id + JSON.stringify(m.view) : '';
    if (key === shownModal) { return; }
    shownModal = key;
    root.innerHTML = '';
    if (!m) { return; }
    var v = m.view;
    var overlay = el('div', 'overlay');
    var box = el('form', 'modal');
    box.id = 'modal';
    box.setAttribute('data-view-id', m.id);
    var head = el('div', 'modal-head');
    head.appendChild(el('div', 'modal-title', v.title ? v.title.text : ''));
    var x = el('button', 'modal-x', '\u00D7');
    x.type = 'button';
    x.setAttribute('aria-label', 'Close');
    head.appendChild(x);
    box.appendChild(head);
    var body = el('div', 'modal-body');
    body.appendChild(renderBlocks(v.blocks, { viewId: m.id }));
    box.appendChild(body);
    var foot = el('div', 'modal-foot');
    var cancel = el('button', 'btn', v.close ? v.close.text : 'Cancel');
    cancel.type = 'button';
    cancel.id = 'modal-cancel';
    foot.appendChild(cancel);
    if (v.submit) {
      var submit = el('button', 'btn primary', v.submit.text);
      submit.type = 'submit';
      submit.id = 'modal-submit';
      foot.appendChild(submit);
    }
    box.appendChild(foot);
    var close = function () { post('/try/close', { viewId: m.id }); };
    x.addEventListener('click', close);
    cancel.addEventListener('click', close);
    box.addEventListener('submit', function (ev) {
      ev.preventDefault();
      box.querySelectorAll('.input-block').forEach(function (b) { b.classList.remove('has-error'); });
      post('/try/submit', { viewId: m.id, values: stateValues(box) }).then(function (answer) {
        Object.keys(answer.errors || {}).forEach(function (blockId) {
          var b = box.querySelector('.input-block[data-block-id="' + CSS.escape(blockId) + '"]');
          if (b) {
            b.classList.add('has-error');
            b.querySelector('.input-error').textContent = answer.errors[blockId];
          } else { toast(answer.errors[blockId]); }
        });
      });
    });
    overlay.appendChild(box);
    root.appendChild(overlay);
  }

  // ---- messages, App Home ----
  function messageEl(m, reply) {
    var row = el('div', 'message' + (m.ephemeral ? ' ephemeral' : '') + (reply ? ' reply' : ''));
    row.setAttribute('data-ts', m.ts);
    var who = m.user === ws.bot.id ? ws.bot : (person(m.user) || { name: m.user });
    row.appendChild(el('div', 'avatar' + (reply ? ' small' : ''), who.name.charAt(0)));
    var body = el('div', 'body');
    var meta = el('div', 'meta');
    meta.appendChild(el('span', 'author', who.name));
    if (m.user === ws.bot.id) { meta.appendChild(el('span', 'app', 'APP')); }
    meta.appendChild(el('span', 'time', formatDate(Math.floor(parseFloat(m.ts)), '{time}', me.tz)));
    if (reply) { meta.appendChild(el('span', 'thread', '\u00B7 reply in thread')); }
    if (m.ephemeral) { meta.appendChild(el('span', 'only', 'Only visible to you')); }
    body.appendChild(meta);
    if (m.blocks && m.blocks.length) {
      body.appendChild(renderBlocks(m.blocks, { channel: m.channel, ts: m.ts }));
    } else {
      body.appendChild(textEl({ type: 'mrkdwn', text: m.text }));
    }
    row.appendChild(body);
    return row;
  }
  function renderMessages() {
    var box = $('messages');
    var atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.innerHTML = '';
    if (isApp() && tab === 'home') {
      box.setAttribute('data-view', 'home');
      if (snap.home && snap.home.blocks && snap.home.blocks.length) {
        var home = el('div', 'message');
        home.appendChild(renderBlocks(snap.home.blocks, { viewId: 'VHOME' + me.id, home: true }));
        box.appendChild(home);
      } else {
        box.appendChild(el('div', 'empty', 'Nothing on your App Home yet. This tab shows whatever Taskbridge '
          + 'publishes for you (views.publish).'));
      }
      return;
    }
    box.setAttribute('data-view', 'messages');
    var here = snap.messages.filter(function (m) { return m.channel === place.id; });
    var tops = here.filter(function (m) { return !m.threadTs || m.threadTs === m.ts; });
    if (!tops.length) {
      box.appendChild(el('div', 'empty', isApp() ? 'Your direct messages with Taskbridge: approval requests and '
        + 'reminders land here.' : 'No messages yet. Type /task in the box below.'));
    }
    tops.forEach(function (m) {
      box.appendChild(messageEl(m, false));
      here.filter(function (r) { return r.threadTs === m.ts && r.ts !== m.ts; })
        .forEach(function (r) { box.appendChild(messageEl(r, true)); });
    });
    if (atBottom || renderMessages.first) { box.scrollTop = box.scrollHeight; }
    renderMessages.first = false;
  }
  function isApp() { return place && place.kind === 'im'; }

  function renderChrome() {
    var list = $('channels');
    var apps = $('apps');
    list.innerHTML = '';
    apps.innerHTML = '';
    me.channels.forEach(function (c) {
      var li = el('li', c.id === place.id ? 'active' : '', c.kind === 'im' ? 'Taskbridge' : (c.kind === 'private' ? '\uD83D\uDD12 ' : '# ') + c.name);
      li.setAttribute('data-channel', c.id);
      li.addEventListener('click', function () { go(c, c.kind === 'im' ? tab : 'messages'); });
      (c.kind === 'im' ? apps : list).appendChild(li);
    });
    $('title').textContent = isApp() ? 'Taskbridge' : (place.kind === 'private' ? '\uD83D\uDD12 ' : '# ') + place.name;
    var tabs = $('tabs');
    tabs.innerHTML = '';
    if (isApp()) {
      [['home', 'Home'], ['messages', 'Messages']].forEach(function (t) {
        var b = el('button', t[0] === tab ? 'active' : '', t[1]);
        b.type = 'button';
        b.id = 'tab-' + t[0];
        b.addEventListener('click', function () { go(place, t[0]); });
        tabs.appendChild(b);
      });
    }
    var composing = !(isApp() && tab === 'home');
    $('composer').style.display = composing ? '' : 'none';
    $('compose').placeholder = isApp() ? 'Message Taskbridge' : 'Message ' + (place.kind === 'private' ? '' : '#') + place.name
      + ' \u2014 try /task';
    $('zone').textContent = me.title + ' \u00B7 ' + me.tz.replace(/_/g, ' ') + ' \u00B7 ' + formatDate(Date.now() / 1000, '{time}', me.tz);
  }
  function go(c, t) {
    place = c;
    tab = t;
    renderMessages.first = true;
    location.hash = me.handle + '/' + c.id + (t === 'home' ? '/home' : '');
    render();
  }
  function render() {
    renderChrome();
    if (snap) { renderMessages(); renderModal(); }
  }

  function refresh() {
    if (loading) { loading.again = true; return loading; }
    var who = me.id;
    loading = fetch('/try/state?as=' + encodeURIComponent(who)).then(function (r) { return r.json(); }).then(function (s) {
      var again = loading.again;
      loading = null;
      if (who === me.id) { snap = s; render(); document.body.setAttribute('data-version', s.version); }
      if (again || who !== me.id) { refresh(); }
    }, function () { loading = null; });
    return loading;
  }

  function setPerson(id, channelId, t) {
    me = person(id) || ws.people[0];
    $('as').value = me.id;
    var c = me.channels.filter(function (x) { return x.id === channelId; })[0] || me.channels[0];
    shownModal = '';
    snap = null;
    go(c, t || 'messages');
    refresh();
  }

  function send(ev) {
    ev.preventDefault();
    var input = $('compose');
    var text = input.value.trim();
    if (!text) { return; }
    var m = /^\/task(?:\s+([\s\S]*))?$/.exec(text);
    if (!m) {
      toast(text.charAt(0) === '/' ? 'Only /task is installed in this workspace.'
        : 'The sandbox only carries /task commands; type /task help to see them.');
      return;
    }
    input.value = '';
    post('/try/command', { channel: place.id, text: m[1] || '' });
  }

  fetch('/try/workspace').then(function (r) { return r.json(); }).then(function (w) {
    ws = w;
    ws.people.forEach(function (p) {
      var o = el('option', '', p.name);
      o.value = p.id;
      $('as').appendChild(o);
    });
    $('as').addEventListener('change', function () { setPerson($('as').value, place && place.id); });
    $('composer').addEventListener('submit', send);
    var hash = decodeURIComponent(location.hash.slice(1)).split('/');
    var fromHash = ws.people.filter(function (p) { return p.handle === hash[0] || p.id === hash[0]; })[0];
    setPerson(fromHash ? fromHash.id : ws.people[0].id, hash[1], hash[2] === 'home' ? 'home' : 'messages');
    var events = new EventSource('/try/events');
    events.addEventListener('changed', refresh);
    setInterval(function () { if (me) { $('zone').textContent = me.title + ' \u00B7 ' + me.tz.replace(/_/g, ' ') + ' \u00B7 ' + formatDate(Date.now() / 1000, '{time}', me.tz); } }, 30000);
    document.body.setAttribute('data-ready', 'true');
  });
})();
