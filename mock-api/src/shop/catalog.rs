//! The seeded catalogue: categories, products with rich configurations
//! (every form type, conditionals, addons with their own cycles, several
//! cycles), TLDs with their forms, certificates with server software,
//! payment methods with fees and promo codes. Prices are in VND "cents"
//! (1/100 đồng) and converted for accounts in another currency.

use super::Cents;

/// VND per USD for accounts billed in USD.
pub const VND_PER_USD: i64 = 25_000;

/// A price in VND (whole đồng) as cents.
pub const fn vnd(d: i64) -> Cents {
    d * 100
}

/// A VND price in the account's currency (cents, half up).
pub fn convert(c: Cents, currency: &str) -> Cents {
    if currency.eq_ignore_ascii_case("VND") {
        c
    } else {
        let q = c / VND_PER_USD;
        let r = c % VND_PER_USD;
        if r * 2 >= VND_PER_USD {
            q + 1
        } else {
            q
        }
    }
}

/// Months in a billing cycle.
pub fn months(cycle: &str) -> Option<i64> {
    Some(match cycle {
        "m" => 1,
        "q" => 3,
        "s" => 6,
        "a" => 12,
        "b" => 24,
        "t" => 36,
        _ => return None,
    })
}

/// HostBill's English cycle title.
pub fn cycle_title(cycle: &str) -> &'static str {
    match cycle {
        "m" => "Monthly",
        "q" => "Quarterly",
        "s" => "Semi-Annually",
        "a" => "Annually",
        "b" => "Biennially",
        "t" => "Triennially",
        _ => "One Time",
    }
}

/// The cycle code of a term in years (domains, certificates).
pub fn years_cycle(years: u32) -> &'static str {
    match years {
        1 => "a",
        2 => "b",
        3 => "t",
        _ => "once",
    }
}

pub struct Category {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub slug: &'static str,
}

pub const CATEGORIES: [Category; 4] = [
    Category {
        id: "10",
        name: "Cloud Hosting",
        description: "Hosting tốc độ cao cho website và e-mail",
        slug: "hosting",
    },
    Category {
        id: "20",
        name: "Máy chủ ảo VPS",
        description: "VPS SSD, toàn quyền quản trị",
        slug: "vps",
    },
    Category {
        id: "6",
        name: "Tên miền",
        description: "Đăng ký và chuyển tên miền",
        slug: "domains",
    },
    Category {
        id: "30",
        name: "Chứng chỉ SSL",
        description: "Bảo mật website với HTTPS",
        slug: "ssl",
    },
];

#[derive(Clone, Debug)]
pub struct Item {
    pub id: &'static str,
    pub title: &'static str,
    /// Per month for products, per year for TLD forms; per unit for
    /// quantities and sliders.
    pub price: Cents,
    pub selected: bool,
}

#[derive(Clone, Debug)]
pub struct Conditional {
    pub target: &'static str,
    pub value: &'static str,
    pub action: &'static str,
}

#[derive(Clone, Debug)]
pub struct Form {
    pub id: &'static str,
    pub kind: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub required: bool,
    pub items: Vec<Item>,
    pub min: i64,
    pub max: i64,
    pub step: i64,
    pub unit: &'static str,
    pub enableddefault: bool,
    pub conditionals: Vec<Conditional>,
}

impl Form {
    fn new(id: &'static str, kind: &'static str, title: &'static str, items: Vec<Item>) -> Form {
        Form {
            id,
            kind,
            title,
            description: "",
            required: false,
            items,
            min: 0,
            max: 0,
            step: 1,
            unit: "",
            enableddefault: false,
            conditionals: Vec::new(),
        }
    }
    fn required(mut self) -> Form {
        self.required = true;
        self
    }
    fn describe(mut self, d: &'static str) -> Form {
        self.description = d;
        self
    }
    fn range(mut self, min: i64, max: i64, step: i64, unit: &'static str) -> Form {
        (self.min, self.max, self.step, self.unit) = (min, max, step, unit);
        self
    }
    fn on_by_default(mut self) -> Form {
        self.enableddefault = true;
        self
    }
    fn show(mut self, target: &'static str, when: &'static str) -> Form {
        self.conditionals.push(Conditional { target, value: when, action: "show" });
        self
    }
    pub fn is_quantity(&self) -> bool {
        matches!(self.kind, "qty" | "slider")
    }
    pub fn is_text(&self) -> bool {
        matches!(self.kind, "input" | "textarea")
    }
    pub fn is_single_choice(&self) -> bool {
        matches!(self.kind, "select" | "radio")
    }
}

fn item(id: &'static str, title: &'static str, price: Cents) -> Item {
    Item { id, title, price, selected: false }
}

fn selected(id: &'static str, title: &'static str, price: Cents) -> Item {
    Item { id, title, price, selected: true }
}

#[derive(Clone, Debug)]
pub struct Addon {
    pub id: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// (cycle, price, setup)
    pub cycles: Vec<(&'static str, Cents, Cents)>,
}

#[derive(Clone, Debug)]
pub struct Product {
    pub id: &'static str,
    pub category_id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    /// (cycle, price, setup); the one marked in `default_cycle` is selected.
    pub cycles: Vec<(&'static str, Cents, Cents)>,
    pub default_cycle: &'static str,
    /// The product has a `domain` input, and it is required.
    pub takes_domain: bool,
    pub forms: Vec<Form>,
    pub addons: Vec<Addon>,
}

impl Product {
    pub fn category(&self) -> &'static Category {
        CATEGORIES.iter().find(|c| c.id == self.category_id).unwrap_or(&CATEGORIES[0])
    }
    pub fn cycle(&self, code: &str) -> Option<(Cents, Cents)> {
        self.cycles.iter().find(|c| c.0 == code).map(|c| (c.1, c.2))
    }
}

fn ip_addon() -> Addon {
    Addon {
        id: "41",
        title: "Địa chỉ IPv4 riêng",
        description: "Gán thêm một địa chỉ IPv4 riêng cho dịch vụ",
        cycles: vec![("m", vnd(60_000), 0), ("q", vnd(170_000), 0), ("a", vnd(600_000), 0)],
    }
}

fn dns_form(id: &'static str, item_id: &'static str) -> Form {
    Form::new(id, "domaindnssupport", "Quản lý DNS", vec![item(item_id, "", 0)]).on_by_default()
}

fn vps(id: &'static str, name: &'static str, description: &'static str, monthly: i64) -> Product {
    let p = |months: i64, pct_off: i64| vnd(monthly * months * (100 - pct_off) / 100 / 1000 * 1000);
    Product {
        id,
        category_id: "20",
        name,
        description,
        cycles: vec![
            ("m", p(1, 0), 0),
            ("q", p(3, 3), 0),
            ("s", p(6, 5), 0),
            ("a", p(12, 10), 0),
            ("b", p(24, 14), 0),
            ("t", p(36, 18), 0),
        ],
        default_cycle: "m",
        takes_domain: false,
        forms: vec![
            Form::new(
                "2101",
                "select",
                "Hệ điều hành",
                vec![
                    item("21011", "Ubuntu 24.04 LTS", 0),
                    item("21012", "Debian 12", 0),
                    item("21013", "AlmaLinux 9", 0),
                    item("21014", "Windows Server 2022", vnd(300_000)),
                ],
            )
            .required()
            .show("2105", "21014"),
            Form::new("2102", "input", "Tên máy chủ (hostname)", vec![item("21021", "", 0)])
                .required()
                .describe("Ví dụ: vps1.congty.vn"),
            Form::new("2103", "slider", "RAM bổ sung", vec![item("21031", "GB", vnd(50_000))])
                .range(0, 16, 2, "GB"),
            Form::new(
                "2104",
                "checkbox",
                "Sao lưu tự động",
                vec![
                    item("21041", "Hằng tuần", vnd(40_000)),
                    item("21042", "Hằng ngày", vnd(90_000)),
                ],
            ),
            Form::new(
                "2105",
                "qty",
                "Giấy phép Remote Desktop (RDS)",
                vec![item("21051", "giấy phép", vnd(120_000))],
            )
            .range(1, 20, 1, "giấy phép")
            .describe("Chỉ cần với Windows Server"),
            Form::new("2106", "textarea", "Khoá SSH công khai", vec![item("21061", "", 0)])
                .describe("Tuỳ chọn, để đăng nhập không cần mật khẩu"),
            Form::new(
                "2107",
                "checkbox",
                "Cam kết sử dụng",
                vec![item(
                    "21071",
                    "Tôi cam kết không dùng VPS để gửi thư rác hay tấn công mạng",
                    0,
                )],
            )
            .required(),
        ],
        addons: vec![
            Addon {
                id: "44",
                title: "Giám sát 24/7",
                description: "Theo dõi và cảnh báo qua Zalo, e-mail",
                cycles: vec![("m", vnd(79_000), 0), ("a", vnd(790_000), 0)],
            },
            ip_addon(),
        ],
    }
}

pub fn products() -> Vec<Product> {
    vec![
        Product {
            id: "101",
            category_id: "10",
            name: "Cloud Hosting Cơ bản",
            description: "2 GB SSD · 1 website · băng thông không giới hạn",
            cycles: vec![
                ("m", vnd(59_000), 0),
                ("q", vnd(169_000), 0),
                ("s", vnd(319_000), 0),
                ("a", vnd(599_000), 0),
                ("b", vnd(1_099_000), 0),
            ],
            default_cycle: "m",
            takes_domain: true,
            forms: vec![
                Form::new(
                    "1101",
                    "select",
                    "Vị trí máy chủ",
                    vec![selected("11011", "Hà Nội", 0), item("11012", "TP. Hồ Chí Minh", 0)],
                ),
                Form::new(
                    "1102",
                    "checkbox",
                    "Sao lưu hằng ngày",
                    vec![item("11021", "Bật sao lưu hằng ngày", vnd(20_000))],
                ),
                dns_form("1103", "11031"),
            ],
            addons: vec![ip_addon()],
        },
        Product {
            id: "102",
            category_id: "10",
            name: "Cloud Hosting Doanh nghiệp",
            description: "10 GB SSD NVMe · 10 website · e-mail theo tên miền",
            cycles: vec![
                ("m", vnd(149_000), vnd(100_000)),
                ("q", vnd(429_000), 0),
                ("s", vnd(829_000), 0),
                ("a", vnd(1_590_000), 0),
                ("b", vnd(2_990_000), 0),
                ("t", vnd(4_290_000), 0),
            ],
            default_cycle: "a",
            takes_domain: true,
            forms: vec![
                Form::new(
                    "1201",
                    "radio",
                    "Phiên bản PHP",
                    vec![
                        item("12011", "PHP 8.1", 0),
                        selected("12012", "PHP 8.2", 0),
                        item("12013", "PHP 8.3", 0),
                    ],
                ),
                Form::new(
                    "1202",
                    "qty",
                    "Hộp thư e-mail bổ sung",
                    vec![item("12021", "hộp thư", vnd(10_000))],
                )
                .range(0, 50, 1, "hộp thư"),
                Form::new("1203", "input", "Ghi chú cho kỹ thuật", vec![item("12031", "", 0)]),
                Form::new(
                    "1204",
                    "checkbox",
                    "Sao lưu hằng ngày",
                    vec![item("12041", "Bật sao lưu hằng ngày", vnd(30_000))],
                ),
                dns_form("1205", "12051"),
            ],
            addons: vec![
                Addon {
                    id: "43",
                    title: "Chống DDoS nâng cao",
                    description: "Lọc tấn công đến 10 Gbps",
                    cycles: vec![("m", vnd(99_000), 0), ("a", vnd(990_000), 0)],
                },
                ip_addon(),
            ],
        },
        vps("201", "VPS SSD 2", "2 vCPU · 2 GB RAM · 40 GB SSD", 199_000),
        vps("202", "VPS SSD 4", "4 vCPU · 8 GB RAM · 120 GB SSD", 499_000),
    ]
}

pub fn product(id: &str) -> Option<Product> {
    products().into_iter().find(|p| p.id == id)
}

// ------------------------------------------------------------ domains

#[derive(Clone, Debug)]
pub struct TldPeriod {
    pub years: u32,
    pub register: Cents,
    pub transfer: Cents,
    pub renew: Cents,
    pub redemption: Cents,
}

#[derive(Clone, Debug)]
pub struct Tld {
    pub id: &'static str,
    pub tld: &'static str,
    pub periods: Vec<TldPeriod>,
    /// Transfers need an EPP code (gTLDs).
    pub epp_required: bool,
}

fn periods(rows: &[(u32, i64, i64, i64, i64)]) -> Vec<TldPeriod> {
    rows.iter()
        .map(|&(years, register, transfer, renew, redemption)| TldPeriod {
            years,
            register: vnd(register),
            transfer: vnd(transfer),
            renew: vnd(renew),
            redemption: vnd(redemption),
        })
        .collect()
}

pub fn tlds() -> Vec<Tld> {
    vec![
        Tld {
            id: "6",
            tld: ".com",
            periods: periods(&[
                (1, 299_000, 279_000, 349_000, 1_200_000),
                (2, 648_000, 628_000, 698_000, 2_400_000),
            ]),
            epp_required: true,
        },
        Tld {
            id: "7",
            tld: ".net",
            periods: periods(&[
                (1, 329_000, 309_000, 379_000, 1_200_000),
                (2, 708_000, 688_000, 758_000, 2_400_000),
            ]),
            epp_required: true,
        },
        Tld {
            id: "11",
            tld: ".vn",
            periods: periods(&[
                (1, 750_000, 200_000, 480_000, 1_500_000),
                (2, 1_230_000, 680_000, 960_000, 3_000_000),
            ]),
            epp_required: false,
        },
        Tld {
            id: "12",
            tld: ".com.vn",
            periods: periods(&[
                (1, 600_000, 200_000, 350_000, 1_500_000),
                (2, 950_000, 550_000, 700_000, 3_000_000),
            ]),
            epp_required: false,
        },
        Tld {
            id: "13",
            tld: ".id.vn",
            periods: periods(&[(1, 95_000, 95_000, 95_000, 500_000)]),
            epp_required: false,
        },
        Tld {
            id: "14",
            tld: ".biz.vn",
            periods: periods(&[
                (1, 250_000, 250_000, 250_000, 600_000),
                (2, 500_000, 500_000, 500_000, 1_200_000),
            ]),
            epp_required: false,
        },
    ]
}

pub fn tld(id: &str) -> Option<Tld> {
    tlds().into_iter().find(|t| t.id == id)
}

/// The extra forms of a TLD (`GET /domain/order/@id/form` → `data`);
/// item prices are per year.
pub fn tld_forms(tld_id: &str) -> Vec<Form> {
    match tld_id {
        "11" | "12" | "13" | "14" => vec![
            Form::new(
                "5101",
                "select",
                "Loại chủ thể",
                vec![selected("51011", "Cá nhân", 0), item("51012", "Tổ chức", 0)],
            )
            .required(),
            Form::new(
                "5102",
                "input",
                "Số CCCD / Mã số thuế của chủ thể",
                vec![item("51021", "", 0)],
            )
            .required()
            .describe("Theo quy định của VNNIC, cần khớp với giấy tờ của chủ thể"),
            dns_form("5103", "51031"),
        ],
        "6" | "7" => vec![
            dns_form("5201", "52011"),
            Form::new(
                "5202",
                "domainidprotection",
                "Bảo vệ thông tin chủ thể (ID Protection)",
                vec![item("52021", "", vnd(50_000))],
            ),
        ],
        _ => Vec::new(),
    }
}

/// Names that the whois answers as registered to someone else.
pub const REGISTERED_ELSEWHERE: [&str; 7] = [
    "bkns.vn",
    "google.com",
    "vnexpress.net",
    "example.com",
    "facebook.com",
    "zing.vn",
    "thegioididong.com.vn",
];

// ------------------------------------------------------------ certificates

#[derive(Clone, Debug)]
pub struct Certificate {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    /// (years, price, renew)
    pub periods: Vec<(u32, Cents, Cents)>,
    /// Organisation validation: `organization.name` is required.
    pub needs_organization: bool,
}

pub fn certificates() -> Vec<Certificate> {
    vec![
        Certificate {
            id: "401",
            name: "PositiveSSL DV",
            description: "Xác thực tên miền, cấp trong vài phút",
            periods: vec![(1, vnd(350_000), vnd(350_000)), (2, vnd(630_000), vnd(630_000))],
            needs_organization: false,
        },
        Certificate {
            id: "402",
            name: "Sectigo OV SSL",
            description: "Xác thực tổ chức, hiển thị tên doanh nghiệp trong chứng chỉ",
            periods: vec![(1, vnd(1_900_000), vnd(1_900_000)), (2, vnd(3_500_000), vnd(3_500_000))],
            needs_organization: true,
        },
        Certificate {
            id: "403",
            name: "GeoTrust QuickSSL Premium",
            description: "Xác thực tên miền, bảo hiểm 500.000 USD",
            periods: vec![(1, vnd(1_250_000), vnd(1_250_000)), (2, vnd(2_300_000), vnd(2_300_000))],
            needs_organization: false,
        },
    ]
}

pub fn certificate(id: &str) -> Option<Certificate> {
    certificates().into_iter().find(|c| c.id == id)
}

/// Server software ids for certificates (the first two as in the doc).
pub const SOFTWARE: [(u32, &str); 8] = [
    (0, "AOL"),
    (1, "Apache-SSL (Ben-SSL, not Stronghold)"),
    (2, "Apache + OpenSSL"),
    (3, "Nginx"),
    (4, "Microsoft IIS 10"),
    (5, "cPanel / WHM"),
    (6, "Plesk"),
    (7, "Khác"),
];

// ------------------------------------------------------------ payment and promotions

#[derive(Clone, Debug)]
pub struct PaymentMethod {
    pub id: u32,
    pub name: &'static str,
    /// In the account's currency, as the API prints it.
    pub fixed_fee: &'static str,
    pub percent_fee: &'static str,
}

/// Methods for VND accounts; USD accounts get the doc's example list.
pub fn payment_methods(currency: &str) -> Vec<PaymentMethod> {
    let m = |id, name, fixed_fee, percent_fee| PaymentMethod { id, name, fixed_fee, percent_fee };
    if currency.eq_ignore_ascii_case("VND") {
        vec![
            m(1, "Chuyển khoản ngân hàng", "0.0", "0.0"),
            m(2, "Thẻ ATM nội địa (NAPAS)", "1100", "1.1"),
            m(3, "Thẻ Visa / MasterCard", "2200", "2.4"),
            m(4, "Ví MoMo", "0", "1.5"),
        ]
    } else {
        vec![
            m(1, "Bank Transfer", "0.0", "0.0"),
            m(2, "Stripe", "0.5", "2.9"),
            m(4, "Credit Card", "0.1", "2.4"),
            m(5, "PayPal", "0.3", "2.9"),
        ]
    }
}

/// A promo code: a percentage or a fixed amount (VND) off an item's first
/// payment (for products: price and options, not setup fees or addons; for
/// domains: the period's price and its extra forms).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Promo {
    Percent(i64),
    Fixed(Cents),
}

/// What a coupon discounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applies {
    /// Every product (hosting, VPS); not domains or certificates.
    AnyProduct,
    /// One product, by id.
    Product(&'static str),
    /// Domains of one TLD (any action: register, transfer, renew), by TLD id.
    Tld(&'static str),
}

/// A promo code of the shop. Public codes (`owner` None) work for every
/// account; a client's own coupon (`POST /domain/coupons/bkns_coupons`
/// lists them) only for that client: for anybody else it is unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coupon {
    pub code: &'static str,
    pub promo: Promo,
    pub applies: Applies,
    pub owner: Option<&'static str>,
    pub description: &'static str,
    /// Expiry in days from today (dates stay in the future).
    pub expires_in: i64,
}

impl Coupon {
    /// Whether `client_id` may use the code.
    pub fn usable_by(&self, client_id: &str) -> bool {
        self.owner.is_none_or(|o| o == client_id)
    }

    /// `"percent"` or `"fixed"`, and the value as text (`"15"`, `"50000.00"`).
    pub fn kind_and_value(&self) -> (&'static str, String) {
        match self.promo {
            Promo::Percent(p) => ("percent", p.to_string()),
            Promo::Fixed(c) => ("fixed", super::money_str(c)),
        }
    }
}

/// Every promo code: `BKNS10` and `GIAM50K` (public, products), and the
/// demo account's own `BKNS-VN15` (15 % off `.vn` domains) and
/// `BKNS-HOST50K` (50,000 ₫ off Cloud Hosting Doanh nghiệp, product 102).
pub fn coupons() -> [Coupon; 4] {
    [
        Coupon {
            code: "BKNS10",
            promo: Promo::Percent(10),
            applies: Applies::AnyProduct,
            owner: None,
            description: "Giảm 10% mọi gói hosting và VPS",
            expires_in: 365,
        },
        Coupon {
            code: "GIAM50K",
            promo: Promo::Fixed(vnd(50_000)),
            applies: Applies::AnyProduct,
            owner: None,
            description: "Giảm 50.000 ₫ mỗi gói hosting hoặc VPS",
            expires_in: 365,
        },
        Coupon {
            code: "BKNS-VN15",
            promo: Promo::Percent(15),
            applies: Applies::Tld("11"),
            owner: Some(crate::seed::DEMO_ID),
            description: "Giảm 15% khi đăng ký, chuyển về hoặc gia hạn tên miền .vn",
            expires_in: 90,
        },
        Coupon {
            code: "BKNS-HOST50K",
            promo: Promo::Fixed(vnd(50_000)),
            applies: Applies::Product("102"),
            owner: Some(crate::seed::DEMO_ID),
            description: "Giảm 50.000 ₫ cho gói Cloud Hosting Doanh nghiệp",
            expires_in: 60,
        },
    ]
}

/// The promo code `code` (case-insensitive) as `client_id` sees it: None
/// when unknown or another client's own coupon.
pub fn coupon(code: &str, client_id: &str) -> Option<Coupon> {
    let code = code.trim().to_ascii_uppercase();
    coupons().into_iter().find(|c| c.code == code && c.usable_by(client_id))
}

/// VAT in percent, on everything.
pub const VAT_PERCENT: i64 = 10;
