#!/usr/bin/env bash
# End-to-end test of the VS Code extension in real VS Code: code-server 4.100.3 (the last release
# whose engines.node is 20) from npm, in Debian's headless chromium driven by playwright-core,
# following ../shared/recipes/editor-e2e.md. Installs what it needs (apt, npm), binds 127.0.0.1
# only, stops code-server's process group on exit, and is bounded in time (E2E_TIMEOUT).
#
#   bash vscode-extension/e2e/run.sh                        # the full test against the real server
#   E2E_UNTIL=activation bash vscode-extension/e2e/run.sh   # up to: extension active, language shown
#   E2E_SERVER=stub bash vscode-extension/e2e/run.sh        # full run against e2e/stub (proves the harness)
#
# Output (screenshots, logs) goes to build/e2e/. Exit 0 only when every check passed.
set -euo pipefail

E2E_TIMEOUT=${E2E_TIMEOUT:-900}
if [ -z "${E2E_BOUNDED:-}" ]; then
  # the whole run is bounded; TERM reaches this script, whose EXIT trap stops code-server
  E2E_BOUNDED=1 exec timeout --kill-after=20 "$E2E_TIMEOUT" bash "$0" "$@"
fi

EXT_DIR=$(cd "$(dirname "$0")/.." && pwd)
REPO=$(cd "$EXT_DIR/.." && pwd)
OUT=${E2E_OUT:-$REPO/build/e2e}
SERVER=${E2E_SERVER:-real}            # real: `python -m lsp` from the repo; stub: e2e/stub/lsp
UNTIL=${E2E_UNTIL:-all}               # all | activation
PORT=${E2E_PORT:-8765}
VSIX=${E2E_VSIX:-$REPO/build/cohort-webhooks.vsix}
SEED=${E2E_SEED:-$EXT_DIR/e2e/workspace/payload.ftl}
CODE_SERVER_VERSION=4.100.3           # engines.node "20"; later releases need node 22 or 24
RG_PKG_VERSION=1.15.11                # @vscode/ripgrep pinned by code-server 4.100.3's shrinkwrap
PLAYWRIGHT_VERSION=1.65.1
START=$SECONDS

t() { local s=$SECONDS; "$@"; echo "TIMING $((SECONDS - s))s: $*" >&2; }
die() { echo "E2E FAIL: $*" >&2; exit 1; }
case "$SERVER" in real|stub) ;; *) die "E2E_SERVER must be real or stub, not $SERVER";; esac
case "$UNTIL" in all|activation) ;; *) die "E2E_UNTIL must be all or activation, not $UNTIL";; esac
mkdir -p "$OUT"
echo "e2e: server=$SERVER until=$UNTIL out=$OUT"

# 0. system packages: chromium (playwright-core starts /usr/bin/chromium itself), ripgrep (seeds
#    @vscode/ripgrep's download cache), libkrb5-dev (kerberos build), a C toolchain (node-pty, argon2)
APT_PKGS=(chromium ripgrep libkrb5-dev build-essential pkg-config curl)
missing=()
for p in "${APT_PKGS[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  t apt-get update -q
  t apt-get install -y -q "${missing[@]}"
fi

# 1. the interpreter that runs the server: the repo's venv (make creates it)
PY=${E2E_PYTHON:-$REPO/.venv/bin/python}
if [ -z "${E2E_PYTHON:-}" ]; then
  t make -C "$REPO" -s .venv/.installed-stamp > "$OUT/venv.log" 2>&1 || { tail -20 "$OUT/venv.log"; die "make venv failed"; }
fi
"$PY" -c 'import pygls' || die "$PY lacks pygls"
SERVER_ENV=()
if [ "$SERVER" = stub ]; then SERVER_ENV=(PYTHONPATH="$EXT_DIR/e2e/stub${PYTHONPATH:+:$PYTHONPATH}"); fi

# 2. the .vsix
[ -f "$VSIX" ] || t make -C "$REPO" extension
[ -f "$VSIX" ] || die "no $VSIX"

# 3. code-server from npm, as a local dependency (not -g/--prefix: the nested npm install in its
#    postinstall would inherit npm_config_global/prefix and fail with ENOTEMPTY); kept across runs
CS_HOST="$OUT/cs"
CS="$CS_HOST/node_modules/.bin/code-server"
if ! [ -x "$CS" ] || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$CS_HOST/node_modules/code-server/package.json" 2>/dev/null; then
  rm -rf "$CS_HOST" && mkdir -p "$CS_HOST/tmp"
  echo '{"name":"cs-host","version":"1.0.0","private":true}' > "$CS_HOST/package.json"
  # @vscode/ripgrep's postinstall downloads from GitHub unless its cache holds the archive: seed it
  # with Debian's rg
  RGC="$CS_HOST/tmp/vscode-ripgrep-cache-$RG_PKG_VERSION"
  mkdir -p "$RGC" && tar czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
  # npm_config_yes: node-pty's postinstall runs `npx node-gyp` and ~/.npmrc may say yes=false;
  # --unsafe-perm: code-server's postinstall checks it when run as root
  (cd "$CS_HOST" && TMPDIR="$CS_HOST/tmp" npm_config_yes=true npm_config_dangerously_allow_all_scripts=true \
     t timeout 600 npm install --no-audit --no-fund --unsafe-perm "code-server@$CODE_SERVER_VERSION" \
     > "$OUT/cs-install.log" 2>&1) || { tail -40 "$OUT/cs-install.log"; die "code-server install failed"; }
fi
test -x "$CS_HOST/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" || die "code-server has no rg"

# 4. playwright-core (drives Debian's chromium; it downloads no browser)
DRIVE="$OUT/drive"
if ! [ -d "$DRIVE/node_modules/playwright-core" ]; then
  mkdir -p "$DRIVE" && echo '{"private":true}' > "$DRIVE/package.json"
  (cd "$DRIVE" && t timeout 300 npm install --no-audit --no-fund "playwright-core@$PLAYWRIGHT_VERSION" > "$OUT/drive-install.log" 2>&1) \
    || { tail -20 "$OUT/drive-install.log"; die "playwright-core install failed"; }
fi
cp "$EXT_DIR/e2e/cs_e2e.js" "$DRIVE/"

# 5. a fresh profile and workspace for every run
DATA="$OUT/csdata"; WS="$OUT/ws"
rm -rf "$DATA" "$WS" "$OUT"/*.png
mkdir -p "$DATA/user/User" "$DATA/ext" "$WS"
cp "$SEED" "$WS/payload.ftl"
cp -r "$EXT_DIR/e2e/workspace/samples" "$WS/samples"
mkdir -p "$WS/.vscode"
echo '{ "cohortWebhooks.sampleFiles": ["${workspaceFolder}/samples/enter-2.json"] }' > "$WS/.vscode/settings.json"
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$DATA/config.yaml"
cat > "$DATA/user/User/settings.json" <<JSON
{ "cohortWebhooks.interpreterPath": "$PY", "cohortWebhooks.trace.server": "messages",
  "security.workspace.trust.enabled": false, "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off", "update.mode": "none", "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false, "extensions.ignoreRecommendations": true,
  "editor.wordBasedSuggestions": "off", "workbench.tips.enabled": false,
  "chat.commandCenter.enabled": false, "workbench.colorTheme": "Default Dark Modern",
  "git.openRepositoryInParentFolders": "never", "editor.autoClosingBrackets": "never" }
JSON
# always pass --config/--user-data-dir/--extensions-dir, or code-server writes to ~/.config
CSARGS=(--config "$DATA/config.yaml" --user-data-dir "$DATA/user" --extensions-dir "$DATA/ext")
t timeout 120 "$CS" "${CSARGS[@]}" --install-extension "$VSIX" > "$OUT/cs-install-ext.log" 2>&1 \
  || { cat "$OUT/cs-install-ext.log"; die "installing the .vsix failed"; }

# 6. code-server in its own process group, stopped with that group on any exit
if curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz"; then die "port $PORT is taken (set E2E_PORT)"; fi
CS_PID=
cleanup() {
  local rc=$?
  if [ -n "$CS_PID" ]; then kill -TERM -- "-$CS_PID" 2>/dev/null || true; sleep 1; kill -KILL -- "-$CS_PID" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  echo "e2e: $((SECONDS - START))s in all, exit $rc (logs and screenshots in $OUT)"
}
trap cleanup EXIT
trap 'exit 143' TERM INT
env "${SERVER_ENV[@]}" setsid "$CS" "${CSARGS[@]}" --disable-telemetry --disable-update-check \
  --disable-workspace-trust "$WS" > "$OUT/cs-run.log" 2>&1 &
CS_PID=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.5; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" || { tail -20 "$OUT/cs-run.log"; die "code-server did not come up"; }

# 7. drive it
(cd "$DRIVE" && t timeout 300 node cs_e2e.js --url "http://127.0.0.1:$PORT/?folder=$WS" --out "$OUT" --until "$UNTIL" --logs "$DATA/user/logs") \
  2>&1 | tee "$OUT/driver.log"
rc=${PIPESTATUS[0]}
# the extension host's log of our output channel, when code-server wrote one
find "$DATA/user/logs" -name '*-Cohort Webhooks.log' -exec cat {} + > "$OUT/output-channel.log" 2>/dev/null || true
[ "$rc" -eq 0 ] || die "driver exit $rc"
echo "E2E PASSED ($UNTIL, server=$SERVER)"
