# Sourced by scripts/toolchain/run.sh, which calls setup_toolchain. Brings, once and cached outside the checkout:
#   - Node.js >= 22.8 (the machine's own, or Node 24 LTS from the npm registry's node-linux-* package);
#   - the Pulumi CLI (one on PATH at or above the pinned release, or the pinned release built with go);
#   - for the tests, actionlint, which checks the example GitHub workflows (one on PATH, or the pinned release built with go);
#   - the repository's npm dependencies and its compiled TypeScript.
# Every step is a no-op when its result is already there; progress goes to stderr.

NODE_VERSION=24.21.0
# The CLI is built from the Go module proxy; 3.274.1 is the newest release it serves
# and is at or above the @pulumi/pulumi SDK pinned in package.json (3.270.0).
PULUMI_VERSION=3.274.1
PULUMI_MIN_VERSION=3.270.0
# The newest release the Go module proxy serves.
ACTIONLINT_VERSION=1.7.12

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${PULUMI_PROCTOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-proctor}"
mkdir -p "$CACHE"

step() { printf '[setup] %s\n' "$*" >&2; }

# version_ge A B: true when version A >= version B (dotted numbers).
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# Several set-ups may start at once (two terminals, parallel CI jobs): serialize the cache writes.
with_lock() {
  local name=$1; shift
  exec 9>"$CACHE/$name.lock"
  flock 9
  "$@"
  local rc=$?
  flock -u 9
  return $rc
}

ensure_node() {
  local have
  have=$(node -p 'process.versions.node' 2>/dev/null || echo 0)
  # 22.8 is the first with the test runner's isolation=none, which the unit tier uses.
  if version_ge "$have" 22.8.0; then return; fi
  local dir="$CACHE/node-v$NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then with_lock node fetch_node "$dir"; fi
  export PATH="$dir/bin:$PATH"
}

fetch_node() {
  local dir=$1 arch tmp
  [ -x "$dir/bin/node" ] && return
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) step "no Node.js package for $(uname -m); install Node.js >= 22.8 yourself"; return 1 ;;
  esac
  step "node $(node --version 2>/dev/null || echo missing) is older than 22.8: fetching Node $NODE_VERSION from the npm registry"
  tmp=$(mktemp -d "$CACHE/node.XXXXXX")
  (cd "$tmp" && npm pack --silent "node-linux-$arch@$NODE_VERSION" >/dev/null && tar xzf ./*.tgz) || { rm -rf "$tmp"; return 1; }
  mv "$tmp/package" "$dir" && rm -rf "$tmp"
  step "Node $("$dir/bin/node" --version) cached in $dir"
}

ensure_pulumi() {
  local have dir="$CACHE/pulumi-v$PULUMI_VERSION"
  # A user's own CLI is used as it is; our cached build is checked below (its host may be stale).
  if have=$(pulumi version 2>/dev/null) && version_ge "${have#v}" "$PULUMI_MIN_VERSION" &&
    command -v pulumi-language-nodejs >/dev/null && [ "$(command -v pulumi)" != "$dir/bin/pulumi" ]; then
    return
  fi
  if [ ! -x "$dir/bin/pulumi" ] || [ ! -x "$dir/bin/pulumi-language-nodejs" ]; then
    with_lock pulumi build_pulumi "$dir"
  elif [ "$(cat "$dir/langhost.sha256" 2>/dev/null)" != "$(langhost_hash)" ]; then
    # The language host is ours: a cached build of older sources is rebuilt (seconds, the Go cache is warm).
    with_lock pulumi build_langhost "$dir/bin" && langhost_hash >"$dir/langhost.sha256"
  fi
  export PATH="$dir/bin:$PATH"
}

langhost_hash() {
  cat "$ROOT"/scripts/toolchain/go.mod "$ROOT"/scripts/toolchain/go.sum "$ROOT"/scripts/toolchain/langhost/*.go | sha256sum | cut -d' ' -f1
}

build_langhost() {
  step "building the Node.js language host"
  (
    cd "$ROOT/scripts/toolchain" &&
      CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath -ldflags "-s -w -X main.version=$PULUMI_VERSION" \
        -o "$1/pulumi-language-nodejs" ./langhost
  ) || { step "building the language host failed"; return 1; }
}

build_pulumi() {
  local dir=$1 tmp
  [ -x "$dir/bin/pulumi" ] && [ -x "$dir/bin/pulumi-language-nodejs" ] && return
  command -v go >/dev/null || { step "no pulumi >= $PULUMI_MIN_VERSION on PATH and no go to build it"; return 1; }
  step "building Pulumi CLI v$PULUMI_VERSION with $(go version | cut -d' ' -f3) (first time only; about 10-20 minutes on 2 cores)"
  tmp="$dir.partial"
  rm -rf "$tmp" && mkdir -p "$tmp/bin"
  (
    cd "$ROOT/scripts/toolchain" &&
      export CGO_ENABLED=0 GOFLAGS=-buildvcs=false &&
      go build -v -trimpath -tags osusergo,grpcnotrace \
        -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
        -o "$tmp/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi 2>&1 |
      awk '{ n++; if (n % 50 == 0) { printf "[setup]   ... %d packages compiled\n", n; fflush() } }' >&2 &&
      [ -x "$tmp/bin/pulumi" ]
  ) || { step "building the Pulumi CLI failed"; return 1; }
  build_langhost "$tmp/bin" && langhost_hash >"$tmp/langhost.sha256" || return 1
  # The dynamic-provider plugin: a script that runs the program's own @pulumi/pulumi.
  cat >"$tmp/bin/pulumi-resource-pulumi-nodejs" <<'SH'
#!/bin/sh
exec node "$(node -e "process.stdout.write(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))")" "$@"
SH
  chmod +x "$tmp/bin/pulumi-resource-pulumi-nodejs"
  rm -rf "$dir" && mv "$tmp" "$dir"
  step "Pulumi $("$dir/bin/pulumi" version) cached in $dir"
}

ensure_actionlint() {
  local dir="$CACHE/actionlint-v$ACTIONLINT_VERSION"
  if command -v actionlint >/dev/null && [ "$(command -v actionlint)" != "$dir/actionlint" ]; then return; fi
  if [ ! -x "$dir/actionlint" ]; then
    command -v go >/dev/null || { step "no actionlint on PATH and no go to build it"; return 1; }
    with_lock actionlint build_actionlint "$dir" || return 1
  fi
  export PATH="$dir:$PATH"
}

build_actionlint() {
  local dir=$1
  [ -x "$dir/actionlint" ] && return
  step "building actionlint v$ACTIONLINT_VERSION with $(go version | cut -d' ' -f3) (first time only; about a minute)"
  rm -rf "$dir.partial" && mkdir -p "$dir.partial" &&
    GOBIN="$dir.partial" CGO_ENABLED=0 GOFLAGS=-buildvcs=false go install "github.com/rhysd/actionlint/cmd/actionlint@v$ACTIONLINT_VERSION" &&
    rm -rf "$dir" && mv "$dir.partial" "$dir" || { step "building actionlint failed"; return 1; }
}

ensure_npm_deps() {
  cd "$ROOT" || return 1
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
    [ package.json -nt node_modules/.package-lock.json ]; then
    step "installing npm dependencies"
    npm ci --prefer-offline --no-audit --no-fund --loglevel=error >&2 || return 1
  fi
}

ensure_build() {
  cd "$ROOT" && node node_modules/typescript/bin/tsc -p tsconfig.json || { step "TypeScript build failed"; return 1; }
  prune_dist
  node dist/scripts/schema/main.js || { step "generating schema/catalogue.schema.json failed"; return 1; }
  # The repository's own programs (examples, tests, demo, benchmarks) use the package as
  # a user's project does: installed under node_modules, not linked to this checkout.
  local dest="$ROOT/node_modules/pulumi-proctor"
  rm -rf "$dest" && mkdir -p "$dest/dist" "$dest/emulator" && cp package.json "$dest/" && cp -R dist/provider dist/emulator "$dest/dist/" &&
    cp emulator/package.json "$dest/emulator/" && cp -R policy schema "$dest/"
}

# tsc never deletes what it once emitted: a test moved or deleted in test/ would still run
# from dist/, and a removed module would still ship. Remove each output whose source is gone.
prune_dist() {
  local out src
  while IFS= read -r -d '' out; do
    src=${out#dist/}
    src=${src%.map}; src=${src%.js}; src=${src%.d.ts}
    [ -f "$src.ts" ] || rm -f "$out"
  done < <(find dist/provider dist/emulator dist/scripts dist/test -type f \( -name '*.js' -o -name '*.d.ts' -o -name '*.js.map' \) -print0 2>/dev/null)
}

# Node from the npm registry trusts only its own CA list, not the system's: behind a
# TLS-inspecting proxy (a company's, or this project's CI) npm would fail with
# SELF_SIGNED_CERT_IN_CHAIN. Unless the user chose otherwise, trust the system store.
trust_system_cas() {
  if [ -z "${NODE_EXTRA_CA_CERTS:-}" ] && [ -r /etc/ssl/certs/ca-certificates.crt ]; then
    export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
  fi
}

# Every Pulumi run of the project is offline and non-interactive.
pulumi_offline_env() {
  export PULUMI_SKIP_UPDATE_CHECK=true
  export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
  export PULUMI_HOME="${PULUMI_HOME:-$CACHE/pulumi-home}"
  mkdir -p "$PULUMI_HOME"
}

# setup_toolchain [--no-cli]: everything, or all but the Pulumi CLI (unit tests, the emulator).
setup_toolchain() {
  trust_system_cas
  if [ "${1:-}" = --no-cli ]; then
    ensure_node && ensure_npm_deps && ensure_build
  else
    ensure_node && ensure_pulumi && ensure_npm_deps && ensure_build && pulumi_offline_env
  fi || { step "set-up failed (see above)"; exit 1; }
}
