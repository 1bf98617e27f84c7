# shellcheck shell=bash
# Sourced by scripts/lab: makes the lab's TLS material with openssl (idempotent).
# $LAB/tls: ca.pem, server.pem/server-key.pem (SAN 127.0.0.1, localhost),
# client.pem/client-key.pem, and wrong-ca.pem + wrong-client*.pem for negative tests.

lab_cert_ca() { # name subject
    local dir=$1 name=$2 subject=$3
    [[ -s $dir/$name.pem ]] && return 0
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
        -subj "/CN=$subject" -keyout "$dir/$name-key.pem" -out "$dir/$name.pem" 2>/dev/null
}

lab_cert_leaf() { # dir name ca subject usage [san]
    local dir=$1 name=$2 ca=$3 subject=$4 usage=$5 san=${6:-}
    [[ -s $dir/$name.pem ]] && return 0
    local ext=$dir/$name.ext
    printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=%s\n' "$usage" >"$ext"
    [[ -n $san ]] && printf 'subjectAltName=%s\n' "$san" >>"$ext"
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -subj "/CN=$subject" -keyout "$dir/$name-key.pem" -out "$dir/$name.csr" 2>/dev/null
    openssl x509 -req -in "$dir/$name.csr" -CA "$dir/$ca.pem" -CAkey "$dir/$ca-key.pem" -CAcreateserial \
        -days 3650 -extfile "$ext" -out "$dir/$name.pem" 2>/dev/null
    rm -f "$dir/$name.csr" "$ext"
}

lab_certs() {
    local dir=$LAB/tls
    mkdir -p "$dir" && chmod 700 "$dir"
    lab_cert_ca "$dir" ca "reconcile lab CA"
    lab_cert_leaf "$dir" server ca "edge" serverAuth "IP:127.0.0.1,DNS:localhost"
    lab_cert_leaf "$dir" client ca "reconcile" clientAuth
    lab_cert_ca "$dir" wrong-ca "some other CA"
    lab_cert_leaf "$dir" wrong-client wrong-ca "intruder" clientAuth
}
