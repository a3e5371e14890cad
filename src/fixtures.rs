//! The reference's example answers, copied into the repo (see fixtures/api).

pub const LOGIN: &str = include_str!("../fixtures/api/login.json");
pub const TOKEN: &str = include_str!("../fixtures/api/token.json");
pub const LOGOUT: &str = include_str!("../fixtures/api/logout.json");
pub const REVOKE: &str = include_str!("../fixtures/api/revoke.json");
pub const DETAILS: &str = include_str!("../fixtures/api/details.json");
pub const BALANCE: &str = include_str!("../fixtures/api/balance.json");
pub const BALANCE_AS_PRINTED: &str = include_str!("../fixtures/api/balance.as-printed.txt");

// Cart and billing (issue 6). `*.as-printed.txt` are the doc's invalid texts.
pub const CATEGORY: &str = include_str!("../fixtures/api/category.json");
pub const CATEGORY_PRODUCTS: &str = include_str!("../fixtures/api/category_products.json");
pub const ORDER_PRODUCT: &str = include_str!("../fixtures/api/order_product.json");
pub const ORDER_PRODUCT_POST: &str = include_str!("../fixtures/api/order_product_post.json");
pub const ORDER_PRODUCT_POST_REQUEST: &str =
    include_str!("../fixtures/api/order_product_post.request.json");
pub const ORDER_POST: &str = include_str!("../fixtures/api/order_post.json");
pub const ORDER_POST_REQUEST: &str = include_str!("../fixtures/api/order_post.request.json");
pub const QUOTE: &str = include_str!("../fixtures/api/quote.json");
pub const QUOTE_REQUEST: &str = include_str!("../fixtures/api/quote.request.json");
pub const QUOTE_AS_PRINTED: &str = include_str!("../fixtures/api/quote.as-printed.txt");
pub const DOMAIN_ORDER: &str = include_str!("../fixtures/api/domain_order.json");
pub const DOMAIN_ORDER_FORM: &str = include_str!("../fixtures/api/domain_order_form.json");
pub const DOMAIN_ORDER_POST: &str = include_str!("../fixtures/api/domain_order_post.json");
pub const CERTIFICATE_ORDER: &str = include_str!("../fixtures/api/certificate_order.json");
pub const CERTIFICATE_SOFTWARE: &str = include_str!("../fixtures/api/certificate_software.json");
pub const CERTIFICATE_ORDER_POST: &str =
    include_str!("../fixtures/api/certificate_order_post.json");
pub const CONTACTS: &str = include_str!("../fixtures/api/contacts.json");
pub const PAYMENT: &str = include_str!("../fixtures/api/payment.json");
pub const PAYMENT_FEES: &str = include_str!("../fixtures/api/payment_fees.json");
pub const PAYMENT_FEES_AS_PRINTED: &str =
    include_str!("../fixtures/api/payment_fees.as-printed.txt");
pub const INVOICE_CREDIT: &str = include_str!("../fixtures/api/invoice_credit.json");
pub const INVOICE_LIST: &str = include_str!("../fixtures/api/invoice_list.json");
pub const INVOICE: &str = include_str!("../fixtures/api/invoice.json");
pub const DOMAIN_LIST: &str = include_str!("../fixtures/api/domain.json");
pub const DOMAIN_DETAILS: &str = include_str!("../fixtures/api/domain-id.json");
pub const DOMAIN_BY_NAME: &str = include_str!("../fixtures/api/domain-name.json");
pub const DOMAIN_TLDS: &str = include_str!("../fixtures/api/domain-order.json");
pub const DOMAIN_NS_SAVED: &str = include_str!("../fixtures/api/domain-ns-put.json");
