extension StatusPage {
    /// Hash routes (`#/`, `#/stack/<host>/<stack>`, `#/images`) over the JSON endpoints; `/api/events` keeps the
    /// view current without a reload. Everything is written with `textContent`, never as HTML.
    static let script = #"""
        'use strict';
        const $ = (id) => document.getElementById(id);
        const session = { signedIn: false, csrf: null, canSignIn: false };
        const applying = new Map();   // "host/stack" -> last step text, while a pass works on it
        const words = { 'in-sync': 'in sync', 'rolled-back': 'rolled back', 'applying': 'applying',
          'drifted': 'drifted', 'pending': 'pending', 'failed': 'failed', 'blocked': 'blocked', 'held': 'held back',
          'reachable': 'reachable', 'unreachable': 'unreachable', 'unknown': 'unknown', 'applied': 'applied' };
        const stepWords = { 'create-new': 'create', 'start-new': 'start', 'stop-old': 'stop old',
          'rename-old': 'swap: old aside', 'rename-new': 'swap: new in place', 'health': 'gate waiting for healthy',
          'gate': 'gate waiting for healthy', 'remove-old': 'remove old', 'remove-new': 'remove new',
          'rollback': 'rollback', 'pull': 'pull', 'stack-done': 'done' };

        function el(tag, attrs, ...children) {
          const node = document.createElement(tag);
          for (const [key, value] of Object.entries(attrs || {})) {
            if (value === undefined || value === null) continue;
            if (key === 'text') node.textContent = value;
            else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
            else node.setAttribute(key, value);
          }
          for (const child of children.flat()) if (child !== null && child !== undefined)
            node.append(child instanceof Node ? child : document.createTextNode(String(child)));
          return node;
        }
        const badge = (state, extra) => el('span', { class: 'state s-' + state, 'data-state': state,
          text: (words[state] || state) + (extra ? ' ' + extra : '') });
        const updateWords = { pending: 'waits for approval', notified: 'told about', committed: 'committed, push pending' };
        const when = (iso) => iso ? new Date(iso).toLocaleString() : '—';
        const short = (text, n) => text ? String(text).slice(0, n || 12) : '—';
        function notice(text, isError) {
          const node = $('notice'); node.hidden = !text; node.textContent = text || '';
          node.className = isError ? 'error' : '';
        }

        async function api(path, options) {
          const response = await fetch(path, Object.assign({ credentials: 'same-origin' }, options || {}));
          const text = await response.text();
          if (!response.ok) throw Object.assign(new Error(text.trim() || response.statusText), { status: response.status });
          try { return JSON.parse(text); } catch (e) { return text; }
        }

        async function act(name, body) {
          const headers = { 'Content-Type': 'application/json' };
          if (session.csrf) headers['X-CSRF-Token'] = session.csrf;
          try {
            const answer = await api('/api/actions/' + name, { method: 'POST', headers, body: JSON.stringify(body || {}) });
            notice(String(answer).trim(), false);
            // A skipped update leaves the list at once; the other actions are followed by live events.
            if (name === 'skip-update') render();
          } catch (error) { notice('refused: ' + error.message, true); }
        }
        const actionButton = (label, name, body, description) =>
          el('button', { type: 'button', class: 'action', 'data-action': name, 'aria-label': description || label,
            onclick: () => act(name, body) }, label);

        async function loadSession() {
          const info = await api('/api/session');
          Object.assign(session, info);
          $('signin').hidden = info.signedIn || !info.canSignIn;
          $('signedin').hidden = !info.signedIn;
          return info;
        }

        function stackState(host, stack) {
          return applying.has(host + '/' + stack) ? 'applying' : stack.state;
        }

        async function overview(view) {
          const status = await api('/api/status');
          const last = status.lastPass;
          const parts = [el('h2', { text: 'Hosts and stacks' }),
            el('p', { class: 'meta' }, 'commit ', el('code', { text: short(status.commit) }), ' · last pass ',
              last ? `${last.outcome} at ${when(last.finishedAt)} (${last.triggers.join(', ')})` : 'none yet', ' ',
              actionButton('Sync now', 'sync', {}, 'Sync now: run a pass'))];
          for (const error of status.lastLoadErrors) parts.push(el('pre', { class: 'error', text: error }));
          const grid = el('div', { class: 'hosts' });
          for (const host of status.hosts) {
            const list = el('ul', { class: 'stacks' });
            for (const stack of host.stacks) {
              const live = applying.get(host.host + '/' + stack.stack);
              const state = live ? 'applying' : stack.state;
              const pending = stack.state === 'pending' && stack.pendingUntil ? 'until ' + when(stack.pendingUntil) : '';
              list.append(el('li', { 'data-stack': stack.stack },
                el('a', { href: `#/stack/${encodeURIComponent(host.host)}/${encodeURIComponent(stack.stack)}`,
                  text: stack.stack }), badge(state, pending)));
            }
            grid.append(el('article', { class: 'card', 'data-host': host.host },
              el('h3', { text: host.host }),
              el('p', { class: 'meta' }, badge(host.reachable ? 'reachable' : 'unreachable'),
                host.vlan ? ' · VLAN ' + host.vlan : '', host.engineVersion ? ' · Docker ' + host.engineVersion : '',
                host.apiVersion ? ' · API ' + host.apiVersion : '',
                ' · last pass ', last ? when(last.finishedAt) : '—'),
              host.error ? el('p', { class: 'error', text: host.error }) : null, list));
          }
          for (const held of status.heldStacks || [])
            grid.append(el('article', { class: 'card' }, el('h3', { text: held.stack }), badge('held'),
              el('pre', { class: 'error', text: held.error })));
          parts.push(grid);
          view.replaceChildren(...parts);
        }

        async function stackView(view, host, stack) {
          const query = `host=${encodeURIComponent(host)}&stack=${encodeURIComponent(stack)}`;
          const [page, live] = await Promise.all([api('/api/stack?' + query),
            api('/api/containers?' + query).catch((error) => ({ error: error.message }))]);
          // A live update re-renders the page: revisions someone opened (also while this fetch ran) stay open.
          const open = new Set([...view.querySelectorAll('details[open]')].map((d) => d.dataset.revision));
          const state = applying.has(host + '/' + stack) ? 'applying' : page.state;
          const parts = [el('h2', {}, `${stack} on ${host} `, badge(state)),
            el('p', {}, actionButton('Retry held back', 'retry', { stack }, `Retry held back config of ${stack}`))];
          if (page.error) parts.push(el('pre', { class: 'error', text: page.error }));
          if (page.pendingUntil) parts.push(el('p', { text: `waits for its window: ${page.windowReason || ''}, opens ${when(page.pendingUntil)}` }));
          parts.push(el('h3', { text: 'Services' }), el('div', { class: 'scroll' }, el('table', {},
            el('thead', {}, el('tr', {}, ['service', 'container', 'image', 'since', 'last action'].map((h) => el('th', { scope: 'col', text: h })))),
            el('tbody', {}, page.services.map((s) => el('tr', {}, el('td', { text: s.service }), el('td', { text: s.container || '—' }),
              el('td', {}, el('code', { text: short(s.image, 19) })), el('td', { text: when(s.since) }),
              el('td', { text: s.lastAction + (s.outcome ? ' (' + s.outcome + ')' : '') })))))));
          parts.push(el('h3', { text: 'Containers (live)' }));
          if (live.error) parts.push(el('p', { class: 'error', text: 'the engine could not be read: ' + live.error }));
          else parts.push(el('p', { class: 'meta', text: `as ${host} showed them at ${when(live.readAt)}` }),
            live.containers.length ? el('div', { class: 'scroll' }, el('table', { id: 'containers' },
              el('thead', {}, el('tr', {}, ['container', 'service', 'state', 'health', 'started', 'image'].map((h) => el('th', { scope: 'col', text: h })))),
              el('tbody', {}, live.containers.map((c) => el('tr', { 'data-container': c.name },
                el('td', { text: c.name }), el('td', { text: c.service || '—' }),
                el('td', { 'data-state': c.state, text: c.state + (c.exitCode != null ? ` (exit ${c.exitCode})` : '') }),
                el('td', { 'data-health': c.health || 'none', text: c.health || 'no health check' }),
                el('td', { text: when(c.startedAt) }), el('td', {}, el('code', { text: c.image })))))))
              : el('p', { text: 'no containers of this stack on the host' }));
          if (page.plan.length) {
            parts.push(el('h3', { text: 'Plan' }), el('ul', { class: 'plan' }, page.plan.map((a) =>
              el('li', {}, el('strong', { text: `${a.kind} ${a.service}` }), a.reasons.length ? ': ' + a.reasons.join('; ') : ''))));
          }
          parts.push(el('h3', { text: 'History' }));
          if (!page.history.length) parts.push(el('p', { text: 'no revisions recorded' }));
          for (const r of page.history) {
            const stateWord = r.outcome === 'rolled_back' ? 'rolled-back' : r.outcome === 'applied' ? 'applied' : 'failed';
            const body = [el('p', { class: 'meta', text: `trigger ${r.triggers.join(', ')} · commit ${r.commit || '—'} · ${when(r.startedAt)} → ${when(r.finishedAt)}` }),
              el('ul', {}, r.actions.filter((a) => a.kind !== 'keep').map((a) => el('li', {},
                el('strong', { text: `${a.kind} ${a.service}` }), a.outcome ? ` [${a.outcome}]` : '',
                a.reasons.length ? ': ' + a.reasons.join('; ') : '', a.error ? el('span', { class: 'error', text: ' — ' + a.error }) : null)))];
            if (r.error) body.push(el('pre', { class: 'error', text: r.error }));
            if (r.healthLog.length) body.push(el('h4', { text: 'Probe output' }), el('pre', { class: 'probe', text: r.healthLog.join('\n') }));
            if (r.changes.length) body.push(el('h4', { text: 'What changed (secrets redacted)' }), el('div', { class: 'scroll' }, el('table', {},
              el('thead', {}, el('tr', {}, ['field', 'before', 'after'].map((h) => el('th', { scope: 'col', text: h })))),
              el('tbody', {}, r.changes.map((c) => el('tr', {}, el('td', {}, el('code', { text: c.field })),
                el('td', {}, el('code', { text: c.old ?? '—' })), el('td', {}, el('code', { text: c.new ?? '—' }))))))));
            if (r.outcome === 'applied') body.push(actionButton('Roll back to this revision', 'rollback',
              { stack, host, revision: r.id }, `Roll back ${stack} on ${host} to revision ${r.id}`));
            parts.push(el('details', { 'data-revision': r.id, open: open.has(String(r.id)) ? '' : null }, el('summary', {}, `#${r.id} `,
              badge(stateWord), ` ${when(r.finishedAt)} · ${short(r.commit, 10)} · ${r.trigger}`), body));
          }
          view.replaceChildren(...parts);
        }

        async function imagesView(view) {
          const data = await api('/api/images');
          const rows = (data.images || []).map((i) => el('tr', {}, el('td', {}, el('code', { text: i.reference })),
            el('td', {}, el('code', { text: short(i.digest, 19) })), el('td', { text: when(i.checkedAt) }),
            el('td', { text: when(i.nextCheckAt) }), el('td', { text: i.lastError || (i.failures ? i.failures + ' failures' : 'ok') })));
          const registries = (data.registries || []).map((r) => el('tr', {}, el('td', { text: r.registry }),
            el('td', { text: String(r.requestsInWindow) }), el('td', { text: r.pausedUntil ? 'paused until ' + when(r.pausedUntil) : 'open' }),
            el('td', { text: r.pauseReason || '' })));
          const updates = (data.updates || []).map((u) => el('tr', { 'data-update': u.id },
            el('td', { text: `${u.stack}/${u.service}` }), el('td', {}, el('code', { text: u.image })),
            el('td', {}, el('code', { text: u.currentTag }), ' → ', el('code', { text: u.candidateTag })),
            el('td', { text: `${u.mode}, ${u.step}` }), el('td', { text: updateWords[u.state] || u.state }),
            el('td', { text: when(u.foundAt) }),
            el('td', {}, u.state === 'committed' ? (u.lastError || 'push retried') : actionButton('Skip', 'skip-update',
              { update: u.id }, `Skip update ${u.id}: ${u.image} ${u.candidateTag}, never proposed again`),
              u.state === 'pending' ? el('code', { class: 'hint', text: ` reconcile updates approve ${u.id}` }) : null)));
          const table = (heads, body) => el('div', { class: 'scroll' }, el('table', {},
            el('thead', {}, el('tr', {}, heads.map((h) => el('th', { scope: 'col', text: h })))), el('tbody', {}, body)));
          view.replaceChildren(el('h2', { text: 'Watched images' }),
            rows.length ? table(['image', 'digest', 'last check', 'next check', 'state'], rows) : el('p', { text: 'no watched images' }),
            el('h2', { text: 'Pending updates' }),
            updates.length ? table(['service', 'image', 'current → candidate', 'policy', 'state', 'found', 'action'], updates)
              : el('p', { text: 'no pending updates' }),
            el('h2', { text: 'Registries (rate budget)' }),
            registries.length ? table(['registry', 'requests this window', 'budget', 'why'], registries) : el('p', { text: 'no registry asked yet' }));
        }

        let rendering = Promise.resolve();
        function render() {
          rendering = rendering.then(async () => {
            const view = $('view');
            const route = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
            try {
              if (route[0] === 'stack' && route.length >= 3) await stackView(view, route[1], route[2]);
              else if (route[0] === 'images') await imagesView(view);
              else await overview(view);
              document.body.dataset.rendered = String(Date.now());
            } catch (error) {
              if (error.status === 401) view.replaceChildren(el('p', { text: 'Sign in with the API token to see this daemon.' }));
              else view.replaceChildren(el('p', { class: 'error', text: 'could not load: ' + error.message }));
            }
          });
          return rendering;
        }

        function showStep(event) {
          const step = event.step;
          const key = step.host + '/' + (step.stack || '');
          const text = `${step.host}${step.stack ? '/' + step.stack : ''}${step.service ? ' ' + step.service : ''}: `
            + (stepWords[step.step] || step.step) + (step.detail ? ' — ' + step.detail.replace(/\b[0-9a-f]{64}\b/g, (id) => id.slice(0, 12)) : '');
          const steps = $('steps');
          const lastItem = steps.lastElementChild;
          // A pull or a gate wait reports again and again: its line is updated instead of repeated.
          if (lastItem && ['pull', 'gate'].includes(step.step) && lastItem.dataset.step === step.step
              && lastItem.dataset.subject === key + (step.service || '')) lastItem.textContent = text;
          else steps.append(el('li', { 'data-step': step.step, 'data-subject': key + (step.service || ''), text }));
          $('pass').hidden = false;
          if (step.stack && step.step !== 'stack-done') { const known = applying.has(key); applying.set(key, text); if (!known) render(); }
          if (step.step === 'stack-done') { applying.delete(key); render(); }
        }

        let source = null;
        let lastEvent = 0;
        // The daemon replays the running pass to every new stream: what this page saw already is skipped.
        const fresh = (message) => { const id = Number(message.lastEventId); if (id && id <= lastEvent) return false; lastEvent = id || lastEvent; return true; };
        // EventSource retries by itself after a dropped stream, but not after a refusal (401 before sign-in).
        function connect() {
          if (source) source.close();
          source = new EventSource('/api/events');
          source.onopen = () => { $('live').textContent = 'live'; };
          source.onerror = () => {
            $('live').textContent = 'reconnecting…';
            if (source.readyState === EventSource.CLOSED) setTimeout(connect, 3000);
          };
          source.addEventListener('pass-started', (message) => {
            if (!fresh(message)) return;
            const event = JSON.parse(message.data);
            // The previous pass stays above (a rollback is followed by a pass at once); older ones go.
            const steps = $('steps');
            while (steps.children.length > 60) steps.firstElementChild.remove();
            steps.append(el('li', { class: 'pass-start', text: 'pass started: ' + (event.outcome || '') }));
            $('pass-title').textContent = 'Pass in progress';
            $('pass').hidden = false; $('live').textContent = 'live · pass running';
          });
          source.addEventListener('step', (message) => { if (fresh(message)) showStep(JSON.parse(message.data)); });
          source.addEventListener('pass-finished', (message) => {
            if (!fresh(message)) return;
            const event = JSON.parse(message.data);
            $('steps').append(el('li', { text: 'pass finished: ' + event.outcome }));
            $('pass-title').textContent = 'Last pass';
            applying.clear(); $('live').textContent = 'live · idle'; render();
          });
        }

        $('signin').addEventListener('submit', async (event) => {
          event.preventDefault();
          try {
            await api('/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ token: $('token').value }) });
            $('token').value = ''; notice('signed in', false); await loadSession(); render(); connect();
          } catch (error) { notice('sign-in refused: ' + error.message, true); }
        });
        $('signout').addEventListener('click', async () => {
          await api('/api/logout', { method: 'POST' }); notice('signed out', false); await loadSession(); render();
        });
        window.addEventListener('hashchange', render);
        loadSession().then(render, render);
        connect();
        """#
}
