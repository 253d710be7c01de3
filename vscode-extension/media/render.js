/*
 * Pure rendering helpers of the payload preview: JSON pretty-printing and highlighting.
 * Loaded by the webview as a plain script (window.CohortRender) and by the unit tests
 * through require().
 *
 * The payload is checked with JSON.parse, then re-indented token by token: the result is
 * what JSON.stringify(JSON.parse(text), null, 2) prints for ordinary values, but every
 * number and string keeps the exact text the template produced (a user id beyond 2^53,
 * `1.0`, `\u00e9` and duplicate keys are shown as they will be sent, not as JavaScript
 * would re-encode them).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory();
  } else {
    root.CohortRender = factory();
  }
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  var TOKEN = /\s+|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}\[\],:]/g;

  /** Tokens of a text already known to be valid JSON, white space dropped. */
  function tokens(text) {
    var out = [];
    var m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      if (!/^\s/.test(m[0])) {
        out.push(m[0]);
      }
    }
    return out;
  }

  /** The payload pretty-printed with two-space indents, or null when it is not JSON. */
  function prettyJson(text) {
    try {
      JSON.parse(text);
    } catch (e) {
      return null;
    }
    var toks = tokens(text);
    var out = '';
    var depth = 0;
    var pad = function (n) {
      return '\n' + new Array(n + 1).join('  ');
    };
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i];
      if (t === '{' || t === '[') {
        var close = t === '{' ? '}' : ']';
        if (toks[i + 1] === close) {
          out += t + close;
          i++;
        } else {
          depth++;
          out += t + pad(depth);
        }
      } else if (t === '}' || t === ']') {
        depth--;
        out += pad(depth) + t;
      } else if (t === ',') {
        out += ',' + pad(depth);
      } else if (t === ':') {
        out += ': ';
      } else {
        out += t;
      }
    }
    return out;
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /** HTML of a JSON text with <span class="j-key|j-str|j-num|j-lit|j-punc">; everything escaped. */
  function highlightJson(text) {
    var re = /(\s+)|("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}\[\],:])|([\s\S])/g;
    var out = '';
    var m;
    while ((m = re.exec(text)) !== null) {
      if (m[1] !== undefined) {
        out += m[1];
      } else if (m[2] !== undefined) {
        if (m[3] !== undefined) {
          out += '<span class="j-key">' + escapeHtml(m[2]) + '</span>' + m[3].replace(':', '<span class="j-punc">:</span>');
        } else {
          out += '<span class="j-str">' + escapeHtml(m[2]) + '</span>';
        }
      } else if (m[4] !== undefined) {
        out += '<span class="j-num">' + m[4] + '</span>';
      } else if (m[5] !== undefined) {
        out += '<span class="j-lit">' + m[5] + '</span>';
      } else if (m[6] !== undefined) {
        out += '<span class="j-punc">' + m[6] + '</span>';
      } else {
        out += escapeHtml(m[7]);
      }
    }
    return out;
  }

  /** 1-based "line L, column C" of an LSP range start (for the error link's text). */
  function rangeLabel(range) {
    if (!range || !range.start) {
      return '';
    }
    return 'line ' + (range.start.line + 1) + ', column ' + (range.start.character + 1);
  }

  return { prettyJson: prettyJson, highlightJson: highlightJson, escapeHtml: escapeHtml, rangeLabel: rangeLabel, tokens: tokens };
});
