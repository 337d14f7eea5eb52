#!/usr/bin/env bash
# Installs the agent's Debian package built by the build (modules/agent/target/servmon-agent_*_all.deb), checks
# what it put where (files, modes, the 0600 options file, the service user, the conffile), starts the systemd
# unit's ExecStart command line as the unit's user (no systemd needed), then purges the package and checks that
# it is gone. Run by .ci/run after ./servmon test (which builds the package); about 30 s.
# Skips, saying why, when not root or without dpkg. Leaves nothing behind but the servmon-agent system user
# (Debian keeps system users on purge).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "agent package test: $*"; }

[ "$(id -u)" = 0 ] || { say "SKIPPED: needs root to install a package (this is uid $(id -u))"; exit 0; }
command -v dpkg >/dev/null || { say "SKIPPED: no dpkg here (not a Debian system)"; exit 0; }
DEB=$(ls modules/agent/target/servmon-agent_*_all.deb 2>/dev/null | head -1)
[ -n "$DEB" ] || { say "FAILED: no package in modules/agent/target: build it first (./servmon build)"; exit 1; }
if dpkg-query -W -f='${Status}' servmon-agent 2>/dev/null | grep -q 'ok installed'; then
  say "SKIPPED: servmon-agent is installed on this machine for real; not touching it"; exit 0
fi

checks=0 failures=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1; shift
  checks=$((checks + 1))
  if "$@" >/dev/null 2>&1; then echo "  ok   $what"; else echo "  FAIL $what"; failures=$((failures + 1)); fi
}
mode_owner() { [ "$(stat -c '%a %U:%G' "$1")" = "$2" ]; }
WORK=$(mktemp -d)
AGENT_PID=""
cleanup() {
  [ -n "$AGENT_PID" ] && kill "$AGENT_PID" 2>/dev/null && wait "$AGENT_PID" 2>/dev/null
  dpkg --purge servmon-agent >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

say "installing $DEB"
# The package depends on a Debian Java 21+ (default-jre-headless >= 2:1.21 on Debian 13 / Ubuntu 24.04, or any
# java21-runtime-headless). Where Java 21+ is not a Debian package (Debian 12 with a JDK unpacked in /usr/lib/jvm,
# as on the CI machine) the dependency is forced: the launcher finds that JDK by itself.
java21_packaged() {
  local v
  v=$(dpkg-query -W -f='${Version}' default-jre-headless 2>/dev/null || true)
  { [ -n "$v" ] && dpkg --compare-versions "$v" ge 2:1.21; } \
    || dpkg-query -W -f='${Status} ${Provides}\n' 2>/dev/null | grep '^install ok installed' | grep -q 'java21-runtime-headless'
}
if java21_packaged; then
  dpkg -i "$DEB" >"$WORK/dpkg.log" 2>&1 || { cat "$WORK/dpkg.log"; exit 1; }
else
  say "no Debian package here provides Java 21+ (default-jre-headless >= 2:1.21 or java21-runtime-headless):"
  say "installing with --force-depends"
  dpkg -i --force-depends "$DEB" >"$WORK/dpkg.log" 2>&1 || { cat "$WORK/dpkg.log"; exit 1; }
fi

UNIT=/usr/lib/systemd/system/servmon-agent.service
check "launcher /usr/bin/servmon-agent 0755 root" mode_owner /usr/bin/servmon-agent "755 root:root"
check "agent jar and JVM options in /usr/share/servmon-agent" \
  test -s /usr/share/servmon-agent/servmon-agent.jar -a -s /usr/share/servmon-agent/jvm.options
check "systemd unit $UNIT" test -s "$UNIT"
check "polkit rule for sleep orders" test -s /usr/share/polkit-1/rules.d/50-servmon-agent.rules
check "system user servmon-agent (uid < 1000, no login shell)" \
  bash -c '[ "$(getent passwd servmon-agent | cut -d: -f3)" -lt 1000 ] && getent passwd servmon-agent | grep -q nologin'
check "/etc/servmon/agent.properties 0600 servmon-agent" \
  mode_owner /etc/servmon/agent.properties "600 servmon-agent:servmon-agent"
check "/etc/servmon/agent.properties is a conffile" \
  bash -c "dpkg-query -W -f='\${Conffiles}' servmon-agent | grep -q /etc/servmon/agent.properties"
check "state directory /var/lib/servmon-agent 0700 servmon-agent" \
  mode_owner /var/lib/servmon-agent "700 servmon-agent:servmon-agent"
check "the unit runs as servmon-agent with NoNewPrivileges, ProtectSystem=strict, ProtectHome, PrivateTmp" \
  bash -c "grep -qx User=servmon-agent $UNIT && grep -qx NoNewPrivileges=yes $UNIT && grep -qx ProtectSystem=strict $UNIT \
           && grep -qx ProtectHome=yes $UNIT && grep -qx PrivateTmp=yes $UNIT && grep -qx StateDirectory=servmon-agent $UNIT"
check "the unit grants no capability" bash -c "grep -qx CapabilityBoundingSet= $UNIT && ! grep -q '^AmbientCapabilities=.' $UNIT"
if command -v systemd-analyze >/dev/null; then
  check "systemd-analyze verify accepts the unit" systemd-analyze verify "$UNIT"
fi

# The unit's command line, as the unit's user, with the environment systemd gives it (no systemd needed)
read -r -a EXEC <<<"$(sed -n 's/^ExecStart=//p' "$UNIT")"
# (a command prefix, not a function: started with &, $! must be the PID of the JVM that the launcher execs)
AS_SERVICE=(setpriv --reuid=servmon-agent --regid=servmon-agent --init-groups --no-new-privs
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/servmon-agent STATE_DIRECTORY=/var/lib/servmon-agent)
check "'${EXEC[*]} --help' as servmon-agent prints the agent's usage" \
  bash -c "${AS_SERVICE[*]} ${EXEC[*]} --help | grep -q 'Usage: servmon-agent'"
check "'servmon-agent enroll' without --bootstrap is a usage error (exit 2)" \
  bash -c '/usr/bin/servmon-agent enroll; [ $? = 2 ]'
# enroll with no console to type the key at: it keeps the broker and the interval in the options file, starts the
# agent as the service user, which stops for want of a key, and says so without enabling anything
status=0
/usr/bin/servmon-agent enroll --bootstrap 127.0.0.1:1 --interval 1 --wait 60 </dev/null >"$WORK/enroll.log" 2>&1 \
  || status=$?
check "enroll without a console stops with exit 2 and says why" \
  bash -c "[ $status = 2 ] && grep -q 'before servmon accepted the key; nothing enabled' $WORK/enroll.log"
check "... after writing bootstrap=127.0.0.1:1 and interval=1 to the options file, still 0600 servmon-agent" \
  bash -c "grep -qx bootstrap=127.0.0.1:1 /etc/servmon/agent.properties && grep -qx interval=1 /etc/servmon/agent.properties \
           && [ \"\$(stat -c '%a %U' /etc/servmon/agent.properties)\" = '600 servmon-agent' ]"
[ "$failures" = 0 ] || { echo "  enroll said:"; sed 's/^/    /' "$WORK/enroll.log"; }
# enrolled (the key file the service starts with) and reporting to a port where nothing listens: the agent must
# come up from the options file alone and keep running as the service user
printf 'packageTestKey0001\n' >/var/lib/servmon-agent/agent.key
chown servmon-agent:servmon-agent /var/lib/servmon-agent/agent.key && chmod 0600 /var/lib/servmon-agent/agent.key
"${AS_SERVICE[@]}" "${EXEC[@]}" >"$WORK/agent.log" 2>&1 &
AGENT_PID=$!
for _ in $(seq 1 60); do grep -q 'servmon agent starting' "$WORK/agent.log" && break; sleep 1; done
sleep 3
check "'${EXEC[*]}' starts the agent from /etc/servmon/agent.properties" grep -q 'Kafka 127.0.0.1:1' "$WORK/agent.log"
check "... and it keeps running as servmon-agent" \
  bash -c "kill -0 $AGENT_PID && [ \"\$(stat -c %U /proc/$AGENT_PID)\" = servmon-agent ]"
check "... with the JVM flags of /usr/share/servmon-agent/jvm.options" \
  bash -c "tr '\\0' ' ' </proc/$AGENT_PID/cmdline | grep -q '@/usr/share/servmon-agent/jvm.options'"
kill "$AGENT_PID"; status=0; wait "$AGENT_PID" || status=$?; AGENT_PID=""
check "... and stops cleanly on SIGTERM (exit 143, a success for the unit)" test "$status" = 143
if [ "$failures" -gt 0 ] || ! grep -q 'servmon agent stopped' "$WORK/agent.log"; then
  echo "  agent log:"; sed 's/^/    /' "$WORK/agent.log" | tail -20
fi

dpkg --purge servmon-agent >"$WORK/purge.log" 2>&1 || { cat "$WORK/purge.log"; failures=$((failures + 1)); }
check "purge removes the launcher, the options and the state" \
  bash -c '! [ -e /usr/bin/servmon-agent ] && ! [ -e /etc/servmon/agent.properties ] && ! [ -e /var/lib/servmon-agent ]'

if [ "$failures" -gt 0 ]; then say "FAILED: $failures of $checks checks"; exit 1; fi
say "all $checks checks passed"
