//! "Generate a key and CSR here", on the certificate order: a key pair made
//! by the browser's WebCrypto (ECDSA P-256 by default, or RSA 2048), the
//! PKCS#10 request built and checked in Rust (`x509::csr`), the common name
//! and `www.` from the order's domain, the organisation from the form or
//! else the profile. The private key is offered as a PEM download, which
//! the page insists on before the CSR can be used; it is kept only in this
//! component's memory (dropped with it), never sent and never stored.

use crate::i18n::{t, tr};
use crate::state::AccountCtx;
use crate::ui::toast;
use crate::x509::{self, csr::Subject};
use leptos::prelude::*;

/// The key a generated request is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAlg {
    EcP256,
    Rsa2048,
}

/// What a generation gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    pub csr_pem: String,
    pub key_pem: String,
}

/// Vietnamese second levels under which a registrable name has three
/// labels (`shop.com.vn`).
const VN_SECOND: [&str; 13] =
    ["com", "net", "org", "edu", "gov", "biz", "info", "name", "pro", "health", "int", "ac", "id"];

/// The names a request covers: the domain and, for a registrable name
/// (`a.vn`, `shop.com.vn`), `www.` before it; ASCII (punycode for IDNs).
pub fn names_for(domain: &str) -> Result<Vec<String>, &'static str> {
    use crate::cart::check::{domain_problem, normalize_domain, valid_hostname};
    let d = normalize_domain(domain);
    if d.is_empty() {
        return Err("cart.csr_gen_domain_required");
    }
    if !valid_hostname(&d) {
        return Err(domain_problem(domain));
    }
    let labels: Vec<&str> = d.split('.').collect();
    let registrable = labels.len() == 2
        || (labels.len() == 3 && labels[2] == "vn" && VN_SECOND.contains(&labels[1]));
    let mut names = vec![d.clone()];
    if registrable {
        names.push(format!("www.{d}"));
    }
    Ok(names)
}

/// The subject: the first name as common name, the organisation's fields
/// (country as two letters, else VN).
pub fn subject_for(names: &[String], org: &OrgFields) -> Subject {
    let country = org.country.trim().to_ascii_uppercase();
    Subject {
        common_name: names.first().cloned().unwrap_or_default(),
        organization: org.name.trim().to_owned(),
        organizational_unit: org.unit.trim().to_owned(),
        locality: org.locality.trim().to_owned(),
        state: org.state.trim().to_owned(),
        country: if country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic()) {
            country
        } else {
            "VN".to_owned()
        },
        email: String::new(),
    }
}

/// The organisation fields of a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrgFields {
    pub name: String,
    pub unit: String,
    pub locality: String,
    pub state: String,
    pub country: String,
}

/// Makes a key pair and a request for `names` (WebCrypto in the browser).
pub async fn generate(
    alg: KeyAlg,
    subject: Subject,
    names: Vec<String>,
) -> Result<Generated, String> {
    crypto::generate(alg, subject, names).await
}

#[cfg(target_arch = "wasm32")]
mod crypto {
    use super::{Generated, KeyAlg};
    use crate::x509::{self, csr::SigAlg, csr::Subject};
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::CryptoKey;

    fn set(o: &Object, k: &str, v: &JsValue) -> Result<(), String> {
        Reflect::set(o, &k.into(), v).map(|_| ()).map_err(|_| "params".to_owned())
    }

    fn err(e: JsValue) -> String {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "WebCrypto".to_owned())
    }

    async fn bytes(p: js_sys::Promise) -> Result<Vec<u8>, String> {
        let buf = JsFuture::from(p).await.map_err(err)?;
        Ok(Uint8Array::new(&buf).to_vec())
    }

    pub async fn generate(
        alg: KeyAlg,
        subject: Subject,
        names: Vec<String>,
    ) -> Result<Generated, String> {
        let subtle = web_sys::window().ok_or("no window")?.crypto().map_err(err)?.subtle();
        let (gen, sign) = (Object::new(), Object::new());
        match alg {
            KeyAlg::EcP256 => {
                set(&gen, "name", &"ECDSA".into())?;
                set(&gen, "namedCurve", &"P-256".into())?;
                set(&sign, "name", &"ECDSA".into())?;
                set(&sign, "hash", &"SHA-256".into())?;
            }
            KeyAlg::Rsa2048 => {
                set(&gen, "name", &"RSASSA-PKCS1-v1_5".into())?;
                set(&gen, "modulusLength", &2048.into())?;
                set(&gen, "publicExponent", &Uint8Array::from(&[1u8, 0, 1][..]).into())?;
                set(&gen, "hash", &"SHA-256".into())?;
                set(&sign, "name", &"RSASSA-PKCS1-v1_5".into())?;
            }
        }
        let usages = Array::of2(&"sign".into(), &"verify".into());
        let pair =
            JsFuture::from(subtle.generate_key_with_object(&gen, true, &usages).map_err(err)?)
                .await
                .map_err(err)?;
        let key = |name: &str| -> Result<CryptoKey, String> {
            Reflect::get(&pair, &name.into()).map_err(err)?.dyn_into::<CryptoKey>().map_err(err)
        };
        let (private, public) = (key("privateKey")?, key("publicKey")?);
        let spki = bytes(subtle.export_key("spki", &public).map_err(err)?).await?;
        let pkcs8 = bytes(subtle.export_key("pkcs8", &private).map_err(err)?).await?;
        let info = x509::csr::request_info(&subject, &names, &spki);
        let signature =
            bytes(subtle.sign_with_object_and_u8_array(&sign, &private, &info).map_err(err)?)
                .await?;
        let sig_alg = match alg {
            KeyAlg::EcP256 => SigAlg::EcdsaP256Sha256,
            KeyAlg::Rsa2048 => SigAlg::RsaPkcs1Sha256,
        };
        let der = x509::csr::assemble(&info, sig_alg, &signature);
        Ok(Generated {
            csr_pem: x509::pem::encode("CERTIFICATE REQUEST", &der),
            key_pem: x509::pem::encode("PRIVATE KEY", &pkcs8),
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod crypto {
    use super::{Generated, KeyAlg};
    use crate::x509::csr::Subject;

    pub async fn generate(_: KeyAlg, _: Subject, _: Vec<String>) -> Result<Generated, String> {
        Err("WebCrypto is only in the browser".to_owned())
    }
}

/// The file name of the private key: `<domain>.key`.
pub fn key_file_name(domain: &str) -> String {
    crate::ui::file_drop::ascii_file_name(domain, "key")
}

/// The generator panel. `csr` receives the request once the key is saved;
/// `org` gives the organisation typed in the form (name, unit, locality,
/// state, country), the profile standing in for what is empty.
#[component]
pub fn CsrGenerator(
    csr: RwSignal<String>,
    org: Signal<OrgFields>,
    /// The domain to start with (`?domain=` of a renewal).
    domain: String,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let domain = RwSignal::new(domain);
    let alg = RwSignal::new(KeyAlg::EcP256);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The key lives here only, until the component goes.
    let made = RwSignal::new(None::<Generated>);
    let saved = RwSignal::new(false);
    let used = RwSignal::new(false);
    let profile = use_context::<AccountCtx>();
    let org_now = move || {
        let mut o = org.get_untracked();
        if let Some(Ok(c)) = profile.and_then(|a| a.details.get_untracked()) {
            let fill = |v: &mut String, from: &str| {
                if v.trim().is_empty() {
                    *v = from.trim().to_owned();
                }
            };
            fill(&mut o.name, &c.companyname.0);
            fill(&mut o.locality, &c.city.0);
            fill(&mut o.state, &c.state.0);
            fill(&mut o.country, &c.country.0);
        }
        o
    };
    let run = move |_| {
        if busy.get_untracked() {
            return;
        }
        let names = match names_for(&domain.get_untracked()) {
            Ok(n) => n,
            Err(key) => {
                problem.set(Some(t(key)));
                crate::browser::focus("csr-domain");
                return;
            }
        };
        problem.set(None);
        made.set(None);
        saved.set(false);
        used.set(false);
        busy.set(true);
        let subject = subject_for(&names, &org_now());
        let a = alg.get_untracked();
        leptos::task::spawn_local(async move {
            let r = generate(a, subject, names).await;
            // the page may have been left meanwhile
            let _ = busy.try_set(false);
            match r {
                Ok(g) if x509::csr::check(&g.csr_pem).is_ok() => {
                    let _ = made.try_set(Some(g));
                }
                Ok(_) => {
                    let _ = problem.try_set(Some(t("cart.csr_gen_failed")));
                }
                Err(e) => {
                    let _ = problem.try_set(Some(format!("{} ({e})", t("cart.csr_gen_failed"))));
                }
            }
        });
    };
    let save_key = move |_| {
        let Some(g) = made.get_untracked() else { return };
        let name = key_file_name(&domain.get_untracked());
        #[cfg(target_arch = "wasm32")]
        let ok = crate::ui::file_drop::save(g.key_pem.as_bytes(), "application/x-pem-file", &name);
        #[cfg(not(target_arch = "wasm32"))]
        let ok = {
            let _ = (&g, &name);
            true
        };
        if ok {
            saved.set(true);
        } else {
            toast::show(t("cart.csr_key_save_failed"));
        }
    };
    let use_csr = move |_| {
        if !saved.get_untracked() {
            return;
        }
        if let Some(g) = made.get_untracked() {
            csr.set(g.csr_pem);
            // the key has been saved: this page forgets it
            made.set(None);
            used.set(true);
            open.set(false);
            crate::browser::focus("f-csr");
        }
    };
    view! {
        <div class="csr-tool" data-testid="csr-tool">
            <button type="button" class="btn btn-secondary" aria-expanded=move || open.get().to_string()
                aria-controls="csr-panel" on:click=move |_| open.update(|o| *o = !*o)>
                {tr("cart.csr_gen_open")}
            </button>
            <p class="hint" role="status" hidden=move || !used.get()>{tr("cart.csr_gen_used")}</p>
            <div id="csr-panel" hidden=move || !open.get()>
                <p class="hint">{tr("cart.csr_gen_intro")}</p>
                <div class="field">
                    <label for="csr-domain">{tr("cart.csr_gen_domain")}</label>
                    <input id="csr-domain" name="csr_domain" type="text" inputmode="url" autocomplete="off"
                        spellcheck="false" bind:value=domain
                        aria-invalid=move || problem.with(Option::is_some).then_some("true")
                        aria-describedby="csr-gen-problem"/>
                </div>
                <fieldset class="key-choice">
                    <legend>{tr("cart.csr_gen_key")}</legend>
                    <label><input type="radio" name="csr_key" checked=move || alg.get() == KeyAlg::EcP256
                        on:change=move |_| alg.set(KeyAlg::EcP256)/>{tr("cart.csr_gen_ec")}</label>
                    <label><input type="radio" name="csr_key" checked=move || alg.get() == KeyAlg::Rsa2048
                        on:change=move |_| alg.set(KeyAlg::Rsa2048)/>{tr("cart.csr_gen_rsa")}</label>
                </fieldset>
                <p id="csr-gen-problem" class="field-error" role="alert">{move || problem.get()}</p>
                <button type="button" class="btn btn-primary" data-testid="csr-generate" disabled=move || busy.get() on:click=run>
                    {move || if busy.get() { t("cart.csr_gen_busy") } else { t("cart.csr_gen_run") }}
                </button>
                {move || made.get().map(|_| view! {
                    <div class="alert alert-warn" role="status" data-testid="csr-key">
                        <p><strong>{tr("cart.csr_gen_key_title")}</strong></p>
                        <p>{tr("cart.csr_gen_key_note")}</p>
                        <div class="form-actions">
                            <button type="button" class="btn btn-primary" data-testid="csr-save-key" on:click=save_key>{tr("cart.csr_gen_save_key")}</button>
                            <button type="button" class="btn btn-secondary" data-testid="csr-use" aria-disabled=move || (!saved.get()).to_string()
                                aria-describedby="csr-use-hint" on:click=use_csr>{tr("cart.csr_gen_use")}</button>
                        </div>
                        <p id="csr-use-hint" class="hint">{move || if saved.get() { t("cart.csr_gen_saved") } else { t("cart.csr_gen_save_first") }}</p>
                    </div>
                })}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_are_the_domain_and_www() {
        assert_eq!(names_for("bkns-demo.vn").unwrap(), ["bkns-demo.vn", "www.bkns-demo.vn"]);
        assert_eq!(names_for("shop.com.vn").unwrap(), ["shop.com.vn", "www.shop.com.vn"]);
        assert_eq!(names_for("mail.bkns-demo.vn").unwrap(), ["mail.bkns-demo.vn"]);
        assert_eq!(names_for("Tênmiền.VN").unwrap()[0], "xn--tnmin-hsa0954c.vn");
        assert_eq!(names_for(""), Err("cart.csr_gen_domain_required"));
        assert!(names_for("a b.vn").is_err());
    }

    #[test]
    fn the_subject_takes_the_organisation() {
        let org = OrgFields {
            name: "Công ty TNHH Ánh Dương".into(),
            locality: "Quận 1".into(),
            country: "vn".into(),
            ..Default::default()
        };
        let s = subject_for(&["a.vn".into()], &org);
        assert_eq!(s.common_name, "a.vn");
        assert_eq!(s.organization, "Công ty TNHH Ánh Dương");
        assert_eq!(s.country, "VN");
        let s = subject_for(&["a.vn".into()], &OrgFields { country: "Việt Nam".into(), ..org });
        assert_eq!(s.country, "VN", "a name is no code");
    }

    #[test]
    fn the_key_file_is_named_after_the_domain() {
        assert_eq!(key_file_name("xn--tnmin-hsa0954c.vn"), "xn--tnmin-hsa0954c.vn.key");
        assert_eq!(key_file_name("../a"), "_a.key");
    }
}
