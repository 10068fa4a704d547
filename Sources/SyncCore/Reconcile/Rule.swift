/// The rule that decided a journal entry. Raw values are stable: they are
/// stored in the journal and matched by ops scripts.
public enum Rule: String, Sendable, Hashable, Codable, CaseIterable {
    /// Only the CRM changed the field: its value goes to the PRM.
    case propagateCRM = "propagate.crm"
    /// Only the PRM changed the field: its value goes to the CRM.
    case propagatePRM = "propagate.prm"
    /// Both sides changed the field to the same value (or both deleted the record).
    case converged
    /// Both changed differently; the field's policy says the CRM wins.
    case policyCRM = "policy.crm"
    /// Both changed differently; the field's policy says the PRM wins.
    case policyPRM = "policy.prm"
    /// Both changed differently; the later modification wins, equal times go to the CRM.
    case policyNewest = "policy.newest"
    /// Both changed differently under `manual`: nothing written, a conflict opened.
    case conflictManual = "conflict.manual"
    /// Ops resolved a conflict: their value is written where it is missing.
    case conflictResolved = "conflict.resolved"
    /// A record was deleted on one side and edited on the other: flagged for ops.
    case conflictDeleteVsEdit = "conflict.deleteVsEdit"
    /// A change carried nothing new for the mapped fields (typically our own
    /// write read back): nothing written.
    case echoSuppressed = "echo.suppressed"
    /// Linked by the external-id field (the record names its counterpart, or is named by it).
    case linkExternalId = "link.externalId"
    /// Linked by a match key (all key fields non-empty and equal, one candidate).
    case linkMatchKey = "link.matchKey"
    /// Two or more candidates: the record goes to review, never to a guess.
    case linkAmbiguous = "link.ambiguous"
    /// A new in-scope record with no counterpart: created on the other side.
    case create
    /// Delete policy `propagate`: the counterpart is deleted too.
    case deletePropagate = "delete.propagate"
    /// Delete policy `unlink`: the link is dropped, the counterpart kept.
    case deleteUnlink = "delete.unlink"
    /// Delete policy `flag`: the counterpart is kept, the link flagged for ops.
    case deleteFlag = "delete.flag"
    /// A linked record stopped meeting the mapping's scope: unlinked, not deleted.
    case scopeLeft = "scope.left"
    /// The record's only counterpart (by external id) is outside the scope:
    /// nothing is linked or created.
    case scopeOutside = "scope.outside"
    /// An empty value did not overwrite a non-empty one; the non-empty value is
    /// written back where the field's direction allows.
    case preferNonEmpty
    /// The field may not flow from the side that changed it: the owning side's
    /// value is re-asserted so both sides agree.
    case directionBlocked = "direction.blocked"
    /// A `createOnly` field changed after the create: not propagated.
    case createOnly

    // MARK: Deal registration (SyncCore/Partner)

    /// A partner's registration passed the checks and is created in the CRM, pending.
    case registrationSubmitted = "registration.submitted"
    /// A returned registration was submitted again by the partner.
    case registrationResubmitted = "registration.resubmitted"
    /// The vendor (or a channel conflict set to review) put the registration under review.
    case registrationUnderReview = "registration.under_review"
    case registrationApproved = "registration.approved"
    case registrationRejected = "registration.rejected"
    case registrationReturned = "registration.returned"
    case registrationDuplicate = "registration.duplicate"
    /// An expired registration approved again under the extension rule.
    case registrationExtended = "registration.extended"
    /// The protection period ran out before the deal was won: expired on both sides.
    case registrationExpired = "registration.expired"
    case registrationWon = "registration.won"
    case registrationLost = "registration.lost"
    case registrationCanceled = "registration.canceled"
    /// A status change the lifecycle does not allow: journaled, not written.
    case registrationTransitionRefused = "registration.transition.refused"
    /// The registering partner is not an account in the CRM: nothing created, sent to review.
    case registrationPartnerUnknown = "registration.partner.unknown"
    /// The registration matched another record's end customer by domain, email or name.
    case channelConflictDomain = "channel_conflict.domain"
    case channelConflictEmail = "channel_conflict.email"
    case channelConflictName = "channel_conflict.name"
}
