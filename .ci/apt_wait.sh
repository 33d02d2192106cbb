# apt_wait ARGS...: apt-get ARGS, waiting for another apt/dpkg to release its lock (sourced).
# Uses $SUDO (empty when root); APT_LOCK_WAIT_S (default 900) bounds the wait.
APT_LOCK_WAIT_S=${APT_LOCK_WAIT_S:-900}
# Another apt/dpkg (unattended-upgrades, a second bootstrap) may hold the lock: wait for it.
# DPkg::Lock::Timeout makes apt wait for the dpkg lock; "apt-get update" also takes the lists
# lock, which that option does not cover, so a lock failure is retried until the deadline.
apt_wait() {
  local deadline=$(( $(date +%s) + APT_LOCK_WAIT_S )) out status
  while :; do
    status=0
    out=$($SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$APT_LOCK_WAIT_S" "$@" 2>&1) || status=$?
    if [ "$status" -eq 0 ]; then
      [ -z "$out" ] || printf '%s\n' "$out"
      return 0
    fi
    if ! printf '%s' "$out" | grep -Eq 'Could not get lock|Unable to lock|Unable to acquire the dpkg'; then
      printf '%s\n' "$out" >&2
      return "$status"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      printf '%s\n' "$out" >&2
      echo "bootstrap: apt still locked by another process after ${APT_LOCK_WAIT_S}s" >&2
      return "$status"
    fi
    echo "bootstrap: another apt/dpkg holds the lock; waiting..." >&2
    sleep "${APT_LOCK_POLL_S:-5}"
  done
}
