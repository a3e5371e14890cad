#!/bin/sh
# Builds the certificate fixtures of mock-api (see README.md in this folder):
# a private CA "BKNS Demo CA" -> "BKNS Demo Intermediate CA" -> leaf
# certificates for the seeded SSL services, and the CSRs they were issued
# from. Private keys live in a temporary directory and are deleted at the end
# (nothing needs them). Dates are fixed, chosen relative to 2026-12-04.
#
#   sh mock-api/data/certs/make_certs.sh      (from the repository root; OpenSSL 3.0)
set -eu
OUT=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

cat > ca.cnf <<'CNF'
[ ca ]
default_ca = root
[ root ]
dir = ./root
database = $dir/index.txt
serial = $dir/serial
new_certs_dir = $dir
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ inter ]
dir = ./inter
database = $dir/index.txt
serial = $dir/serial
new_certs_dir = $dir
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ any ]
countryName = optional
stateOrProvinceName = optional
localityName = optional
organizationName = optional
organizationalUnitName = optional
commonName = supplied
[ req ]
distinguished_name = dn
string_mask = utf8only
utf8 = yes
[ dn ]
[ v3_root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_inter ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_leaf_ec ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:${ENV::DOMAIN}, DNS:www.${ENV::DOMAIN}
[ v3_leaf_rsa ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:${ENV::DOMAIN}, DNS:www.${ENV::DOMAIN}
CNF
mkdir root inter
touch root/index.txt inter/index.txt
export DOMAIN=unused

# Root CA (EC P-256, 2024-01-01 .. 2043-12-31), self-signed.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out root.key
openssl req -config ca.cnf -new -key root.key -utf8 \
  -subj "/C=VN/O=BKNS Demo/CN=BKNS Demo CA" -out root.csr
openssl ca -config ca.cnf -name root -batch -notext -rand_serial -preserveDN -utf8 \
  -selfsign -keyfile root.key -in root.csr -extensions v3_root \
  -startdate 20240101000000Z -enddate 20431231235959Z -out "$OUT/bkns-demo-ca.pem"

# Intermediate CA (EC P-256, 2025-01-01 .. 2034-12-31), signed by the root.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out inter.key
openssl req -config ca.cnf -new -key inter.key -utf8 \
  -subj "/C=VN/O=BKNS Demo/CN=BKNS Demo Intermediate CA" -out inter.csr
openssl ca -config ca.cnf -name root -batch -notext -rand_serial -preserveDN -utf8 \
  -cert "$OUT/bkns-demo-ca.pem" -keyfile root.key -in inter.csr -extensions v3_inter \
  -startdate 20250101000000Z -enddate 20341231235959Z -out "$OUT/bkns-demo-intermediate.pem"

# csr ID KEYTYPE DOMAIN SUBJECT: a key (deleted later) and its CSR (kept),
# with the domain and www.domain as SANs.
csr() {
  if [ "$2" = rsa ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key"
  else
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"
  fi
  openssl req -config ca.cnf -new -key "$1.key" -utf8 -subj "$4" \
    -addext "subjectAltName = DNS:$3, DNS:www.$3" -out "$OUT/$1.csr.pem"
}

# leaf ID KEYTYPE DOMAIN SUBJECT NOT_BEFORE NOT_AFTER: CSR, then the
# certificate signed by the intermediate.
leaf() {
  csr "$1" "$2" "$3" "$4"
  DOMAIN=$3 openssl ca -config ca.cnf -name inter -batch -notext -rand_serial -preserveDN -utf8 \
    -cert "$OUT/bkns-demo-intermediate.pem" -keyfile inter.key -in "$OUT/$1.csr.pem" \
    -extensions "v3_leaf_$2" -startdate "$5" -enddate "$6" -out "$OUT/$1.crt.pem"
}

# 801 Active, ~300 days left on 2026-12-04
leaf 801 ec nguyenvanan.vn "/CN=nguyenvanan.vn" 20261004000000Z 20270930235959Z
# 802 Active, expires 12 days after 2026-12-04 (RSA 2048)
leaf 802 rsa banhmi-saigon.com "/CN=banhmi-saigon.com" 20251216000000Z 20261216235959Z
# 803 Expired on 2026-11-01
leaf 803 ec shop-an.com "/CN=shop-an.com" 20251101000000Z 20261101235959Z
# 804 Active, OV: IDN ánhdương.vn (punycode) and a Vietnamese organisation name
leaf 804 ec xn--nhdng-wqa16kod.vn \
  "/C=VN/ST=Tỉnh Bình Dương/L=Thành phố Thủ Dầu Một/O=Công ty TNHH Ánh Dương/CN=xn--nhdng-wqa16kod.vn" \
  20260615000000Z 20270615235959Z
# 805 Pending and 806 Cancelled: never issued, CSR only
csr 805 ec an-studio.id.vn "/CN=an-studio.id.vn"
csr 806 ec phokhoe.com.vn "/CN=phokhoe.com.vn"
# 300: the reference's example certificate (api@example.com), Pending, CSR only
csr 300 rsa examplename.com "/C=US/ST=Texas/L=SanAntonio/O=My Org name/OU=Dev/CN=examplename.com"

# Checks: each leaf chains to the root (at a date inside its validity).
for pair in 801:20261204 802:20261204 803:20260601 804:20261204; do
  id=${pair%%:*}; day=${pair#*:}
  at=$(date -u -d "$day" +%s)
  openssl verify -attime "$at" -CAfile "$OUT/bkns-demo-ca.pem" \
    -untrusted "$OUT/bkns-demo-intermediate.pem" "$OUT/$id.crt.pem"
done
