#!/bin/sh
# Makes a site CA and the certificates of one Mailroom Edge site, plus the broker ACL for it.
#
#   make-certs.sh --out DIR --site SITE [--broker-host NAME]... [--device NAME]... [--operator NAME]...
#
# DIR gets: ca.key ca.crt (made once, reused after), broker.key broker.crt, device-NAME.key/.crt (CN = NAME),
# operator-NAME.key/.crt (CN = op.NAME: the dot cannot occur in a device name, so an operator certificate can
# never pass for a device), and acl. Keys are EC P-256; private keys are mode 0600. Keep ca.key offline.
set -eu

out="" site="" hosts="" devices="" operators="" days=825
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --site) site="$2"; shift 2 ;;
        --broker-host) hosts="$hosts $2"; shift 2 ;;
        --device) devices="$devices $2"; shift 2 ;;
        --operator) operators="$operators $2"; shift 2 ;;
        --days) days="$2"; shift 2 ;;
        *) echo "make-certs.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
[ -n "$out" ] && [ -n "$site" ] || { echo "usage: make-certs.sh --out DIR --site SITE [--broker-host NAME]... [--device NAME]... [--operator NAME]..." >&2; exit 2; }
name_ok() { printf '%s' "$1" | grep -Eq '^[A-Za-z0-9_-]{1,64}$'; }
name_ok "$site" || { echo "make-certs.sh: site '$site' must be 1-64 of A-Z a-z 0-9 - _" >&2; exit 2; }
[ -n "$hosts" ] || hosts="localhost 127.0.0.1"

mkdir -p "$out"
umask 077
cd "$out"

if [ ! -f ca.key ]; then
    openssl ecparam -name prime256v1 -genkey -noout -out ca.key
    openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/O=Mailroom Edge/OU=$site/CN=Mailroom Edge site CA $site" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.crt
fi

# issue NAME CN EXTENSIONS: a P-256 key and a certificate signed by the site CA.
issue() {
    openssl ecparam -name prime256v1 -genkey -noout -out "$1.key"
    openssl req -new -key "$1.key" -subj "/O=Mailroom Edge/OU=$site/CN=$2" -out "$1.csr"
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" "$3" > "$1.ext"
    openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -sha256 -days "$days" -extfile "$1.ext" -out "$1.crt" 2>/dev/null
    rm -f "$1.csr" "$1.ext"
}

san=""
for h in $hosts; do
    if printf '%s' "$h" | grep -Eq '^[0-9.]+$|:'; then san="$san,IP:$h"; else san="$san,DNS:$h"; fi
done
issue broker "$(echo $hosts | cut -d' ' -f1)" "extendedKeyUsage=serverAuth
subjectAltName=${san#,}"

for d in $devices; do
    name_ok "$d" || { echo "make-certs.sh: device '$d' must be 1-64 of A-Z a-z 0-9 - _" >&2; exit 2; }
    issue "device-$d" "$d" "extendedKeyUsage=clientAuth"
done
for o in $operators; do
    name_ok "$o" || { echo "make-certs.sh: operator '$o' must be 1-64 of A-Z a-z 0-9 - _" >&2; exit 2; }
    issue "operator-$o" "op.$o" "extendedKeyUsage=clientAuth"
done

root="mailroom/v1/$site"
{
    echo "# Broker ACL for site $site (made by make-certs.sh). Usernames are certificate CNs."
    echo "# Devices (CN = device name, %u below): write only under their own root (docs/mqtt.md lists every topic),"
    echo "# read only their own commands and credential sync."
    echo "pattern write $root/%u/status"
    echo "pattern write $root/%u/health"
    echo "pattern write $root/%u/event/#"
    echo "pattern write $root/%u/door/+/state"
    echo "pattern write $root/%u/cmd-result"
    echo "pattern write $root/%u/cmd-result/#"
    echo "pattern write $root/%u/clip/#"
    echo "pattern read $root/%u/cmd/+"
    echo "pattern read $root/%u/sync/credentials"
    for o in $operators; do
        echo ""
        echo "# Operator $o: sends commands and credential sync to any device of the site, reads everything the site"
        echo "# publishes. The central server that keeps the credential lists connects with an operator certificate."
        echo "user op.$o"
        echo "topic write $root/+/cmd/+"
        echo "topic write $root/+/sync/credentials"
        echo "topic read $root/#"
    done
} > acl
chmod 0644 ca.crt broker.crt acl device-*.crt operator-*.crt 2>/dev/null || true
# mosquitto reads its key after dropping root for its own user: let that user's group read it, nobody else.
if getent group mosquitto >/dev/null 2>&1 && chgrp mosquitto broker.key 2>/dev/null; then chmod 0640 broker.key; fi
echo "made certificates for site $site in $out"
