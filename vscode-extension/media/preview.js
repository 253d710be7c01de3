/* The payload preview's webview: draws what the extension posts, sends back the user's choices. */
(function () {
  'use strict';
  var vscode = acquireVsCodeApi();
  var R = window.CohortRender;
  var docEl = document.getElementById('doc');
  var selectEl = document.getElementById('sample');
  var statusEl = document.getElementById('status');
  var problemEl = document.getElementById('problem');
  var payloadEl = document.getElementById('payload');

  selectEl.addEventListener('change', function () {
    vscode.postMessage({ type: 'select', key: selectEl.value });
  });

  function setChoices(choices, selected) {
    selectEl.textContent = '';
    var groups = {};
    choices.forEach(function (c) {
      var g = groups[c.group];
      if (!g) {
        g = groups[c.group] = document.createElement('optgroup');
        g.label = c.group;
        selectEl.appendChild(g);
      }
      var o = document.createElement('option');
      o.value = c.key;
      o.textContent = c.label;
      o.selected = c.key === selected;
      g.appendChild(o);
    });
  }

  /** A problem line: the message, and a link that reveals the range in the editor. */
  function showProblem(kind, message, range) {
    problemEl.textContent = '';
    problemEl.className = kind;
    var msg = document.createElement('span');
    msg.className = 'message';
    msg.textContent = message;
    problemEl.appendChild(msg);
    if (range) {
      var a = document.createElement('a');
      a.href = '#';
      a.className = 'reveal';
      a.textContent = 'Show in editor (' + R.rangeLabel(range) + ')';
      a.addEventListener('click', function (e) {
        e.preventDefault();
        vscode.postMessage({ type: 'reveal', range: range });
      });
      problemEl.appendChild(document.createTextNode(' '));
      problemEl.appendChild(a);
    }
    problemEl.hidden = false;
  }

  function showResult(result) {
    problemEl.hidden = true;
    payloadEl.className = '';
    if (!result.ok) {
      showProblem('error', result.error.message, result.error.range);
      payloadEl.textContent = '';
      payloadEl.className = 'empty';
      statusEl.textContent = 'Rendering failed';
      document.body.dataset.state = 'error';
      return;
    }
    var pretty = R.prettyJson(result.payload);
    if (pretty !== null) {
      payloadEl.innerHTML = R.highlightJson(pretty); // every piece of text is escaped by highlightJson
      payloadEl.className = 'json';
      statusEl.textContent = 'JSON, ' + result.payload.length + ' characters';
      document.body.dataset.state = 'json';
    } else {
      payloadEl.textContent = result.payload;
      payloadEl.className = 'text';
      statusEl.textContent = (result.json ? 'Not valid JSON' : 'Text') + ', ' + result.payload.length + ' characters';
      document.body.dataset.state = 'text';
      if (result.jsonError) {
        showProblem('warning', 'The payload is not valid JSON: ' + result.jsonError.message, result.jsonError.range);
      }
    }
  }

  window.addEventListener('message', function (event) {
    var m = event.data;
    if (m.type === 'state') {
      docEl.textContent = m.docName || 'No template';
      setChoices(m.choices, m.selected);
    } else if (m.type === 'pending') {
      statusEl.textContent = 'Rendering…';
    } else if (m.type === 'result') {
      showResult(m.result);
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
