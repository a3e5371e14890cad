#!/usr/bin/env python3
"""Builds locations.json (the mock's address data) from a published data set.

Source: the PyPI package `vietnam-provinces` 0.6.0 (data version 2025-01-04,
General Statistics Office of Viet Nam): 63 provinces, their district-level
units and their wards, i.e. the three-level division in force BEFORE the July
2025 reform. The API's cascade has four levels (country, state, city, ward),
which the post-reform two-level data (2025.x releases) cannot fill.

    pip download --no-deps -d /tmp/vp "vietnam-provinces==0.6.0"
    unzip -q /tmp/vp/vietnam_provinces-0.6.0-py3-none-any.whl -d /tmp/vp/old
    python3 mock-api/data/make_locations.py \
        /tmp/vp/old/vietnam_provinces/data/nested-divisions.json > mock-api/data/locations.json

Output (compact): {"source", "countries": [[code, name]], "vn": [[code, name,
[[code, name, [[code, name]]]]]], "other": {code: [[state, [[city, [ward]]]]]}}.
Other countries carry names only (no ids), so the portal's by-name fallback
(`/location/state/city/@name`, `/location/city/ward/@name`) is exercised.
"""
import json
import sys

COUNTRIES = [
    ["VN", "Việt Nam"], ["US", "Hoa Kỳ"], ["JP", "Nhật Bản"], ["KR", "Hàn Quốc"],
    ["SG", "Singapore"], ["TH", "Thái Lan"], ["LA", "Lào"], ["KH", "Campuchia"],
    ["CN", "Trung Quốc"], ["AU", "Úc"], ["FR", "Pháp"], ["DE", "Đức"],
]

OTHER = {
    "US": [
        ["California", [["Los Angeles", []], ["San Francisco", []], ["San Jose", []], ["Santa Rosa", []]]],
        ["New York", [["New York City", []], ["Buffalo", []]]],
        ["Texas", [["Houston", []], ["Austin", []], ["Dallas", []]]],
        ["Washington", [["Seattle", []]]],
    ],
    "JP": [
        ["Tokyo", [["Shinjuku", []], ["Shibuya", []], ["Minato", []]]],
        ["Osaka", [["Osaka", []], ["Sakai", []]]],
    ],
    "KR": [["Seoul", [["Gangnam-gu", []], ["Jongno-gu", []]]], ["Busan", [["Haeundae-gu", []]]]],
    "SG": [["Singapore", [["Central Region", []], ["East Region", []]]]],
    "TH": [["Bangkok", [["Pathum Wan", []], ["Bang Rak", []]]], ["Chiang Mai", [["Mueang Chiang Mai", []]]]],
    "LA": [["Vientiane", [["Chanthabouly", []]]]],
    "KH": [["Phnom Penh", [["Daun Penh", []], ["Chamkar Mon", []]]]],
    "CN": [["Beijing", []], ["Shanghai", []], ["Guangdong", []]],
    "AU": [["New South Wales", [["Sydney", []]]], ["Victoria", [["Melbourne", []]]]],
    "FR": [["Île-de-France", [["Paris", []]]]],
    "DE": [["Berlin", [["Berlin", []]]], ["Bayern", [["München", []]]]],
}


def main(path):
    with open(path, encoding="utf-8") as f:
        provinces = json.load(f)
    vn = [
        [p["code"], p["name"], [
            [d["code"], d["name"], [[w["code"], w["name"]] for w in d["wards"]]]
            for d in p["districts"]
        ]]
        for p in provinces
    ]
    out = {
        "source": "vietnam-provinces 0.6.0 (PyPI), data version 2025-01-04 (General Statistics "
                  "Office of Viet Nam), before the July 2025 reform: province / district / ward",
        "countries": COUNTRIES,
        "vn": vn,
        "other": OTHER,
    }
    json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
