#!/usr/bin/env bash
# make check-install: patchbook installed from a fresh clone of HEAD runs without its source tree.
#
# Clones HEAD into a temporary folder, runs `make install` (into a temporary prefix, and with
# DESTDIR, then `make uninstall`) and `make dist` there from one release build, deletes the clone,
# then runs catalog, validate, plan and build with the installed binary from another folder. Also
# checks: no Swift toolchain library in ldd, malloc bound to mimalloc, the man page and completions
# installed, the archive holds what install wrote, and a binary without its data, or run where
# /proc is not mounted, says so in one line (exit 1).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/patchbook-install.XXXXXX")
tmp=$(cd "$tmp" && pwd -P)  # as /proc/self/exe names it
trap 'rm -rf "$tmp"' EXIT
src=$tmp/src prefix=$tmp/prefix work=$tmp/work
mkdir -p "$work"

fail() { echo "check-install: $*" >&2; exit 1; }
step() { echo "check-install: $*"; }

git -C "$repo" rev-parse --verify -q HEAD > /dev/null || fail "$repo is not a git checkout with a commit: this check installs a clone of HEAD"
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  step "note: this checks HEAD; uncommitted changes are not in the clone"
fi
step "cloning $(git -C "$repo" rev-parse --short HEAD) into $src"
git clone -q --no-checkout "$repo" "$src"
git -C "$src" checkout -q --detach "$(git -C "$repo" rev-parse HEAD)"
# The same dependency versions as this checkout (Package.resolved is not committed).
if [ -f "$repo/Package.resolved" ]; then cp "$repo/Package.resolved" "$src/"; fi

step "make install PREFIX=$prefix (release build)"
start=$SECONDS
make -C "$src" --no-print-directory install PREFIX="$prefix" > "$tmp/install.log" 2>&1 \
  || { tail -30 "$tmp/install.log" >&2; fail "make install failed"; }
step "installed in $((SECONDS - start)) s"

step "make install DESTDIR=..., make uninstall DESTDIR=..."
make -C "$src" --no-print-directory install DESTDIR="$tmp/dest" PREFIX=/usr/local > /dev/null
test -x "$tmp/dest/usr/local/bin/patchbook" || fail "DESTDIR install wrote no $tmp/dest/usr/local/bin/patchbook"
make -C "$src" --no-print-directory uninstall DESTDIR="$tmp/dest" PREFIX=/usr/local > /dev/null
left=$(find "$tmp/dest" -type f)
[ -z "$left" ] || fail "uninstall left files behind: $left"

step "make dist"
make -C "$src" --no-print-directory dist > /dev/null
archives=("$src"/patchbook-*-linux-*.tar.gz)
[ ${#archives[@]} = 1 ] && [ -f "${archives[0]}" ] || fail "make dist wrote no patchbook-VERSION-linux-ARCH.tar.gz"
version=$("$prefix/bin/patchbook" --version)
[ "$(basename "${archives[0]}")" = "patchbook-$version-linux-$(uname -m).tar.gz" ] \
  || fail "unexpected archive name $(basename "${archives[0]}")"
diff <(tar -tzf "${archives[0]}" | grep -v '/$' | sed 's|^[^/]*/||' | sort) \
     <(cd "$prefix" && find . -type f | sed 's|^\./||' | sort) \
  || fail "the archive does not hold what make install wrote"

cp -R "$src/examples" "$work/examples"
rm -rf "$src"
step "deleted the clone; running $prefix/bin/patchbook from $work"

cd "$work"
pb() { env -i PATH=/usr/bin:/bin HOME="$work" "$prefix/bin/patchbook" "$@"; }
pb catalog | grep -q '^2009-10-cu ' || fail "catalog does not list 2009-10-cu"
pb validate examples > /dev/null
pb plan examples/contoso-intranet.yaml | grep -q '2009-10-cu' || fail "plan prints no target"
pb plan --json examples/contoso-intranet.yaml | python3 -c 'import json, sys; json.load(sys.stdin)'
pb build examples --out site
for file in site/index.html site/catalog.html site/assets/patchbook.css site/contoso-intranet/plan.json \
            site/contoso-intranet/change-request.html site/contoso-intranet/scripts/APP01-install.cmd; do
  test -s "$file" || fail "build wrote no $file"
done

step "ldd: no Swift toolchain library"
ldd "$prefix/bin/patchbook" | tee "$tmp/ldd.txt"
if grep -E '/opt/swift|libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|not found' "$tmp/ldd.txt"; then
  fail "the installed patchbook needs the libraries above"
fi

step "malloc is mimalloc's, for the program and the libraries it loads"
LD_BIND_NOW=1 LD_DEBUG=bindings "$prefix/bin/patchbook" --version 2> "$tmp/bindings.txt" > /dev/null
grep -E "symbol .(malloc|free|realloc|calloc|malloc_usable_size|posix_memalign|aligned_alloc|memalign|valloc|pvalloc|reallocarray)'" "$tmp/bindings.txt" > "$tmp/malloc.txt" || fail "no binding of malloc seen"
if grep -v 'to [^ ]*libmimalloc' "$tmp/malloc.txt"; then
  fail "the bindings above do not go to mimalloc"
fi

step "man page and completions"
grep -q '^\.Dt PATCHBOOK 1' "$prefix/share/man/man1/patchbook.1" || fail "no man page"
if command -v man > /dev/null; then
  warnings=$(MANWIDTH=80 man -l "$prefix/share/man/man1/patchbook.1" 2>&1 > /dev/null)
  [ -z "$warnings" ] || fail "man warns: $warnings"
fi
bash_completion=$prefix/share/bash-completion/completions/patchbook
zsh_completion=$prefix/share/zsh/site-functions/_patchbook
fish_completion=$prefix/share/fish/vendor_completions.d/patchbook.fish
bash -n "$bash_completion" || fail "the bash completion is not valid bash"
grep -q 'complete .*patchbook' "$bash_completion" || fail "the bash completion registers nothing"
head -1 "$zsh_completion" | grep -q '^#compdef patchbook' || fail "the zsh completion has no #compdef line"
grep -Eq "^complete -c '?patchbook'? " "$fish_completion" || fail "the fish completion completes nothing"
for completion in "$bash_completion" "$zsh_completion" "$fish_completion"; do
  for command in build plan validate catalog; do
    grep -q "$command" "$completion" || fail "$completion does not offer '$command'"
  done
done
if command -v zsh > /dev/null; then zsh -n "$zsh_completion" || fail "the zsh completion is not valid zsh"; fi
if command -v fish > /dev/null; then fish -n "$fish_completion" || fail "the fish completion is not valid fish"; fi

step "a binary without its data: one error, exit 1"
mkdir -p "$tmp/bare/bin" && cp "$prefix/bin/patchbook" "$tmp/bare/bin/"
status=0
"$tmp/bare/bin/patchbook" catalog > /dev/null 2> "$tmp/bare.err" || status=$?
[ "$status" = 1 ] || fail "exit status $status, not 1, without the data"
[ "$(wc -l < "$tmp/bare.err")" = 1 ] && grep -q "^error: patchbook's data .* is missing: looked in $tmp/bare/share/patchbook" "$tmp/bare.err" \
  || fail "unexpected message without the data: $(cat "$tmp/bare.err")"

# A chroot that did not mount /proc: Swift reads the command line from /proc/self/cmdline, so
# patchbook saw none and printed its help with exit 0 whatever was typed. Needs a mount namespace
# (root, as in CI); elsewhere the step says it was skipped.
if unshare -m true 2> /dev/null; then
  step "without /proc: one error, exit 1"
  status=0
  unshare -m sh -c 'mount -t tmpfs none /proc && exec "$1" catalog' sh "$prefix/bin/patchbook" > "$tmp/noproc.out" 2> "$tmp/noproc.err" || status=$?
  [ "$status" = 1 ] || fail "exit status $status, not 1, without /proc"
  [ ! -s "$tmp/noproc.out" ] && [ "$(wc -l < "$tmp/noproc.err")" = 1 ] && grep -q "^error: patchbook cannot read its command line: /proc is not mounted" "$tmp/noproc.err" \
    || fail "unexpected output without /proc: $(cat "$tmp/noproc.out" "$tmp/noproc.err")"
else
  step "without /proc: skipped (unshare needs root)"
fi

step "passed"
