//! A data table (price tables, invoice lists, invoice lines) that stays
//! readable on a phone: below 600 px each row becomes a card whose cells
//! carry their column name (`data-label`, shown by CSS). Cells are text,
//! numbers (right-aligned, tabular figures), links or status badges;
//! everything is rendered as text, never HTML.

use crate::i18n::t;
use leptos::prelude::*;
use leptos::text_prop::TextProp;

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number or amount: right-aligned.
    Num(String),
    /// A link inside the portal (handled by the router).
    Link {
        href: String,
        text: String,
    },
    /// A status with a tone class (`ok`, `warn`, `muted`, `danger`).
    Badge {
        text: String,
        tone: &'static str,
    },
}

/// A column: its i18n header key, and whether it holds numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    pub key: &'static str,
    pub numeric: bool,
}

impl Column {
    pub const fn text(key: &'static str) -> Column {
        Column { key, numeric: false }
    }
    pub const fn num(key: &'static str) -> Column {
        Column { key, numeric: true }
    }
}

fn cell_view(cell: Cell, key: &'static str, numeric: bool) -> impl IntoView {
    let class = if numeric { "num" } else { "" };
    let inner = match cell {
        Cell::Text(s) | Cell::Num(s) => s.into_any(),
        Cell::Link { href, text } => view! { <a href=href>{text}</a> }.into_any(),
        Cell::Badge { text, tone } => {
            view! { <span class=format!("badge badge-{tone}")>{text}</span> }.into_any()
        }
    };
    view! { <td class=class data-label=move || t(key)>{inner}</td> }
}

/// A captioned table. Headers are translated (and follow the language
/// switch); rows are given as rendered text.
#[component]
pub fn DataTable(
    #[prop(into)] caption: TextProp,
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
    /// `data-testid` of the table.
    #[prop(optional)]
    testid: &'static str,
    /// Shown instead of the table when there are no rows.
    #[prop(optional, into)]
    empty: Option<TextProp>,
    /// The caption only for screen readers (a heading above says it).
    #[prop(optional)]
    caption_hidden: bool,
) -> impl IntoView {
    if rows.is_empty() {
        if let Some(e) = empty {
            return view! { <p class="muted table-empty">{move || e.get()}</p> }.into_any();
        }
    }
    let headers = columns.clone();
    view! {
        <div class="table-wrap">
            <table class="data-table" data-testid=(!testid.is_empty()).then_some(testid)>
                <caption class:visually-hidden=caption_hidden>{move || caption.get()}</caption>
                <thead>
                    <tr>
                        {headers
                            .into_iter()
                            .map(|c| view! { <th scope="col" class:num=c.numeric>{move || t(c.key)}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let cells = row
                                .into_iter()
                                .zip(columns.iter().copied())
                                .map(|(cell, c)| cell_view(cell, c.key, c.numeric))
                                .collect_view();
                            view! { <tr>{cells}</tr> }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
/// A table of fixed texts, for long lists whose rows are drawn anew on
/// each keystroke of a filter (a reactive label per cell, as in
/// [`DataTable`], costs too much there): the scrolling wrapper, a hidden
/// caption, the headers (already translated; the columns in `numeric` are
/// right-aligned) and the rows. The caller draws it again on a language
/// switch.
pub fn plain_table(
    class: &'static str,
    testid: &'static str,
    caption: String,
    headers: &[String],
    numeric: &[usize],
    body: impl IntoView + 'static,
) -> AnyView {
    let head = headers
        .iter()
        .enumerate()
        .map(|(i, h)| view! { <th scope="col" class:num=numeric.contains(&i)>{h.clone()}</th> })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class=format!("data-table {class}") data-testid=testid>
                <caption class="visually-hidden">{caption}</caption>
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}
