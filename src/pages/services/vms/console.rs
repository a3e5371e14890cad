//! What the cards of a VM's page share: the VM as last read, the command
//! under way and its watch (polling the VM until it settles), the note the
//! page announces, and the VM's addresses and interfaces.

use super::poll::{Poller, Step, Timing};
use super::rules::{settled_key, Command, Watch};
use super::status_text;
use crate::api::services::network::{self, Interface, IpAddress, IpQuery};
use crate::api::services::vms::{self, VmDetails, VmStatus};
use crate::api::ApiError;
use crate::i18n::{t, t_with};
use crate::ui::dialog::ConfirmState;
use crate::ui::erase::{resource, Res};
use futures::FutureExt;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// How often the VM is read while a command is under way, by default.
pub const POLL_MS: u32 = 2_000;
/// For how long (visible time) before the page says nothing changed yet.
pub const POLL_LIMIT_MS: u32 = 120_000;

/// What the page says about the command under way (announced politely).
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// Sent; waiting for the VM to change.
    Waiting(Command),
    /// The VM settled: `key` (see [`settled_key`]) with its new status.
    Settled { key: &'static str, status: VmStatus },
    /// No change within the limit: offer to check again.
    TimedOut(Command, VmStatus),
    /// The command's answer never came: it may have been carried out.
    Unknown(Command),
}

pub type Loaded<T> = Res<Result<T, ApiError>>;

/// The page's shared state (cheap to clone).
#[derive(Clone)]
pub struct Ctx {
    pub service: crate::vocab::Id,
    pub vm_id: crate::vocab::Id,
    /// The VM as last read.
    pub vm: RwSignal<VmDetails>,
    /// The command being carried out (sent, not settled yet).
    pub busy: RwSignal<Option<Command>>,
    pub note: RwSignal<Option<Note>>,
    /// The VM no longer exists (`vm_not_found` while watching).
    pub gone: RwSignal<bool>,
    pub confirm: ConfirmState,
    pub poller: Poller,
    pub poll_ms: u32,
    pub ips: Loaded<Vec<IpAddress>>,
    pub ifaces: Loaded<Vec<Interface>>,
}

/// Whether an error says the VM is not there (any more).
pub fn is_gone(e: &ApiError) -> bool {
    e.messages().iter().any(|m| m == "vm_not_found")
}

impl Ctx {
    pub fn new(
        d: VmDetails,
        service: crate::vocab::Id,
        vm_id: crate::vocab::Id,
        poll_ms: u32,
    ) -> Self {
        let (s, v) = (service.clone(), vm_id.clone());
        let ips = resource(move || {
            let (s, v) = (s.clone(), v.clone());
            async move { network::ips(&s, &v, &IpQuery::default()).await }
        });
        let (s, v) = (service.clone(), vm_id.clone());
        let ifaces = resource(move || {
            let (s, v) = (s.clone(), v.clone());
            async move { network::interfaces(&s, &v).await }
        });
        Ctx {
            service,
            vm_id,
            vm: RwSignal::new(d),
            busy: RwSignal::new(None),
            note: RwSignal::new(None),
            gone: RwSignal::new(false),
            confirm: ConfirmState::new(),
            poller: Poller::new(),
            poll_ms,
            ips,
            ifaces,
        }
    }

    /// The VM's current status (tracked).
    pub fn status(&self) -> VmStatus {
        self.vm.with(VmDetails::state)
    }

    /// The VM's name (untracked: it changes only with a new page).
    pub fn name(&self) -> String {
        self.vm.with_untracked(VmDetails::name)
    }

    /// Nothing may be sent: a command is under way or the VM is gone.
    pub fn locked(&self) -> bool {
        self.busy.get().is_some() || self.gone.get()
    }

    /// Reads the VM once more (after a refusal, a rescue...).
    pub fn reload(&self) {
        let me = self.clone();
        self.poller.spawn(async move {
            me.read_once().await;
        });
    }

    /// One read: the VM's new state, or that it is gone. Gives the status.
    async fn read_once(&self) -> Option<VmStatus> {
        match vms::details(&self.service, &self.vm_id).await {
            Ok(d) => {
                let s = d.state();
                self.vm.try_set(d);
                Some(s)
            }
            Err(e) if is_gone(&e) => {
                self.vanished();
                None
            }
            Err(_) => None,
        }
    }

    fn vanished(&self) {
        self.poller.stop();
        self.gone.try_set(true);
        self.busy.try_set(None);
        self.note.try_set(None);
    }

    /// After `command` was sent (or may have been): polls the VM until it
    /// settles, then says so; gives up after the limit with "check again".
    pub fn follow(&self, command: Command, before: VmStatus, unknown: bool) {
        self.busy.set(Some(command));
        self.note.set(Some(if unknown { Note::Unknown(command) } else { Note::Waiting(command) }));
        let watch = Rc::new(RefCell::new(Watch::new(before.clone())));
        let me = self.clone();
        let check = move || {
            let (me, watch) = (me.clone(), watch.clone());
            async move {
                let Some(now) = me.read_once().await else {
                    return if me.gone.try_get_untracked().unwrap_or(true) {
                        Step::Done
                    } else {
                        Step::Again
                    };
                };
                let mut w = watch.borrow_mut();
                if !w.settled(&now) {
                    return Step::Again;
                }
                me.busy.try_set(None);
                let key = settled_key(command, &w.before, &now);
                me.note.try_set(Some(Note::Settled { key, status: now }));
                Step::Done
            }
            .boxed_local()
        };
        let me = self.clone();
        let on_timeout = move || {
            me.busy.try_set(None);
            me.note.try_set(Some(Note::TimedOut(command, before)));
        };
        self.poller.start(Timing::every(self.poll_ms, POLL_LIMIT_MS), check, on_timeout);
    }

    /// The note in words (tracked: follows the language).
    pub fn note_text(&self) -> String {
        let name = self.vm.with(VmDetails::name);
        match self.note.get() {
            None => String::new(),
            Some(Note::Waiting(c)) => t_with(waiting_key(c), &[("name", &name)]),
            Some(Note::Unknown(_)) => t_with("vms.outcome_unknown", &[("name", &name)]),
            Some(Note::Settled { key, status }) => {
                t_with(key, &[("name", &name), ("status", &status_text(&status))])
            }
            Some(Note::TimedOut(..)) => {
                let status = status_text(&self.status());
                t_with("vms.timed_out", &[("name", &name), ("status", &status)])
            }
        }
    }
}

/// "Restarting web-01…": what the page says while it waits.
pub fn waiting_key(c: Command) -> &'static str {
    use crate::api::services::vms::PowerAction::*;
    match c {
        Command::Rebuild => "vms.waiting_rebuild",
        Command::Power(Start) => "vms.waiting_start",
        Command::Power(Stop | Shutdown) => "vms.waiting_stop",
        Command::Power(Reboot | Reset) => "vms.waiting_reboot",
        Command::Power(Unrescue) => "vms.waiting_unrescue",
    }
}

/// The translated message of a write's error.
pub fn error_message(e: &ApiError) -> String {
    if e.outcome_unknown() {
        t("vms.write_unknown")
    } else {
        crate::ui::error_text(e)
    }
}
