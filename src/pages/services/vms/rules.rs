//! The console's rules, pure and host-tested: which commands make sense in
//! which state (and why not), which ask first, how a status is drawn, and
//! when a VM being watched after a command has settled.

use crate::api::services::vms::{PowerAction, VmStatus};

/// A command the page sends and then watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Power(PowerAction),
    Rebuild,
}

/// Why `action` is not offered in `status` (an i18n key), or None.
pub fn power_blocked(status: &VmStatus, action: PowerAction) -> Option<&'static str> {
    use PowerAction::*;
    use VmStatus::*;
    if status.is_transitional() {
        return Some("vms.why_busy");
    }
    match (action, status) {
        (Unrescue, Rescue) => None,
        (Unrescue, _) => Some("vms.why_not_in_rescue"),
        (_, Rescue) => Some("vms.why_in_rescue"),
        (Start, Running) => Some("vms.why_running"),
        (Stop | Shutdown | Reboot | Reset, Stopped) => Some("vms.why_stopped"),
        _ => None,
    }
}

/// Why rescue is not offered in `status`, or None.
pub fn rescue_blocked(status: &VmStatus) -> Option<&'static str> {
    match status {
        s if s.is_transitional() => Some("vms.why_busy"),
        VmStatus::Rescue => Some("vms.why_already_in_rescue"),
        _ => None,
    }
}

/// Why a rebuild is not offered in `status`, or None.
pub fn rebuild_blocked(status: &VmStatus) -> Option<&'static str> {
    match status {
        s if s.is_transitional() => Some("vms.why_busy"),
        VmStatus::Rescue => Some("vms.why_in_rescue"),
        _ => None,
    }
}

/// Commands that cut the machine off or wipe it ask first (the graceful
/// shutdown and start do not).
pub fn asks_first(action: PowerAction) -> bool {
    matches!(action, PowerAction::Stop | PowerAction::Reboot | PowerAction::Reset)
}

/// The badge tone of a status (`ok`, `warn`, `danger`, `muted`).
pub fn tone(status: &VmStatus) -> &'static str {
    match status {
        VmStatus::Running => "ok",
        s if s.is_transitional() => "warn",
        VmStatus::Rescue => "danger",
        _ => "muted",
    }
}

/// Following a VM after a command: it has settled once it is no longer
/// in transition and either went through a transition (a reboot comes
/// back to "running") or differs from what it was before.
#[derive(Clone, Debug, PartialEq)]
pub struct Watch {
    pub before: VmStatus,
    moved: bool,
}

impl Watch {
    pub fn new(before: VmStatus) -> Self {
        Watch { before, moved: false }
    }

    /// Takes in a status read; true once the VM has settled.
    pub fn settled(&mut self, now: &VmStatus) -> bool {
        if now.is_transitional() {
            self.moved = true;
            return false;
        }
        self.moved || *now != self.before
    }
}

/// What to announce when a watched VM settled (an i18n key with `{name}`
/// and `{status}`).
pub fn settled_key(command: Command, before: &VmStatus, now: &VmStatus) -> &'static str {
    match (command, now) {
        (Command::Rebuild, VmStatus::Running) => "vms.settled_rebuilt",
        (_, VmStatus::Running) if *before == VmStatus::Stopped => "vms.settled_running",
        (_, VmStatus::Running) => "vms.settled_running_again",
        (_, VmStatus::Stopped) => "vms.settled_stopped",
        (_, VmStatus::Rescue) => "vms.settled_rescue",
        _ => "vms.settled_other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PowerAction::*;

    #[test]
    fn only_the_commands_that_make_sense_are_offered() {
        let running = VmStatus::Running;
        let stopped = VmStatus::Stopped;
        let rescue = VmStatus::Rescue;
        let offered = |s: &VmStatus| -> Vec<PowerAction> {
            PowerAction::ALL.into_iter().filter(|a| power_blocked(s, *a).is_none()).collect()
        };
        assert_eq!(offered(&running), [Shutdown, Stop, Reboot, Reset]);
        assert_eq!(offered(&stopped), [Start]);
        assert_eq!(offered(&rescue), [Unrescue]);
        for s in [VmStatus::Starting, VmStatus::Stopping, VmStatus::Rebooting, VmStatus::Rebuilding]
        {
            assert!(offered(&s).is_empty(), "{s:?}");
            assert_eq!(power_blocked(&s, Start), Some("vms.why_busy"));
            assert_eq!(rescue_blocked(&s), Some("vms.why_busy"));
            assert_eq!(rebuild_blocked(&s), Some("vms.why_busy"));
        }
        assert_eq!(power_blocked(&running, Start), Some("vms.why_running"));
        assert_eq!(power_blocked(&stopped, Reboot), Some("vms.why_stopped"));
        assert_eq!(power_blocked(&running, Unrescue), Some("vms.why_not_in_rescue"));
        assert_eq!(power_blocked(&rescue, Reboot), Some("vms.why_in_rescue"));
        // a state we do not know: let the server decide
        assert_eq!(
            offered(&VmStatus::Other("paused".into())),
            [Start, Shutdown, Stop, Reboot, Reset]
        );
        assert_eq!(rescue_blocked(&rescue), Some("vms.why_already_in_rescue"));
        assert_eq!((rescue_blocked(&running), rebuild_blocked(&stopped)), (None, None));
    }

    #[test]
    fn destructive_commands_ask_first() {
        let asking: Vec<PowerAction> =
            PowerAction::ALL.into_iter().filter(|a| asks_first(*a)).collect();
        assert_eq!(asking, [Stop, Reboot, Reset]);
    }

    #[test]
    fn a_reboot_settles_when_it_comes_back_running() {
        let mut w = Watch::new(VmStatus::Running);
        assert!(!w.settled(&VmStatus::Running), "not yet moved");
        assert!(!w.settled(&VmStatus::Rebooting));
        assert!(w.settled(&VmStatus::Running));
        let k = settled_key(Command::Power(Reboot), &w.before, &VmStatus::Running);
        assert_eq!(k, "vms.settled_running_again");
    }

    #[test]
    fn a_stop_settles_when_stopped_even_unseen_in_transition() {
        let mut w = Watch::new(VmStatus::Running);
        assert!(w.settled(&VmStatus::Stopped));
        assert_eq!(
            settled_key(Command::Power(Stop), &w.before, &VmStatus::Stopped),
            "vms.settled_stopped"
        );
        let mut w = Watch::new(VmStatus::Stopped);
        assert!(!w.settled(&VmStatus::Starting));
        assert!(w.settled(&VmStatus::Running));
        assert_eq!(
            settled_key(Command::Power(Start), &w.before, &VmStatus::Running),
            "vms.settled_running"
        );
    }

    #[test]
    fn a_rebuild_settles_after_rebuilding() {
        let mut w = Watch::new(VmStatus::Running);
        assert!(!w.settled(&VmStatus::Rebuilding));
        assert!(!w.settled(&VmStatus::Rebuilding));
        assert!(w.settled(&VmStatus::Running));
        assert_eq!(
            settled_key(Command::Rebuild, &w.before, &VmStatus::Running),
            "vms.settled_rebuilt"
        );
        assert_eq!(
            settled_key(Command::Rebuild, &w.before, &VmStatus::Stopped),
            "vms.settled_stopped"
        );
        let other = VmStatus::Other("error".into());
        assert_eq!(settled_key(Command::Rebuild, &w.before, &other), "vms.settled_other");
    }

    #[test]
    fn status_tones() {
        assert_eq!(tone(&VmStatus::Running), "ok");
        assert_eq!(tone(&VmStatus::Rebooting), "warn");
        assert_eq!(tone(&VmStatus::Rescue), "danger");
        assert_eq!(tone(&VmStatus::Stopped), "muted");
    }
}
