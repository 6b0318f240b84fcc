package io.telemetryflow.iam;

import io.telemetryflow.iam.IamScopeRule.ListScope;
import io.telemetryflow.platform.error.Rejected;
import io.telemetryflow.platform.paging.ListQuery;
import io.telemetryflow.platform.paging.Page;
import io.telemetryflow.platform.paging.PageRequest;
import io.telemetryflow.tenancy.Organization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** Groups of users of one organization, and their members (live users of that same organization). */
@ApplicationScoped
@Transactional
public class GroupAdministration {

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    IamScope scope;

    @Inject
    IamAudit audit;

    public record GroupView(UUID id, UUID organizationId, String name, String description, long memberCount, Instant createdAt,
                            String createdBy, Instant updatedAt, String updatedBy) {
    }

    public record MemberView(UUID userId, String email, String firstName, String lastName, UserStatus status) {

        static MemberView of(User user) {
            return new MemberView(user.getId(), user.getEmail(), user.getFirstName(), user.getLastName(), user.getStatus());
        }
    }

    public Page<GroupView> groups(Caller caller, UUID organizationId, String text, PageRequest page) {
        ListScope lists = scope.lists(caller, organizationId);
        if (lists.matchesNothing()) {
            return Page.empty(page);
        }
        return ListQuery.of(Group.class, "FROM UserGroup e", "e.deletedAt IS NULL")
                .organization("e.organizationId", lists.organization().orElse(null))
                .contains("text", text, "e.name")
                .page(em, page, "e.name, e.id").map(this::view);
    }

    public GroupView group(Caller caller, UUID id) {
        return view(scope.require(caller, Group.class, id, "group"));
    }

    /** In {@code organizationId} (a Super Administrator's choice; others may only name their own) or the caller's organization. */
    public GroupView create(Caller caller, UUID organizationId, String name, String description) {
        UUID organization = organizationId == null ? caller.organizationId()
                : scope.reference(caller, Organization.class, organizationId, "organizationId", "organization").getId();
        requireUnusedName(organization, name, null);
        Group group = new Group(organization, name.strip(), description == null ? "" : description, caller.actor(), Instant.now());
        em.persist(group);
        audit.changed(caller, "group.create", "groups/" + group.getId(), organization);
        return view(group);
    }

    public GroupView update(Caller caller, UUID id, String name, String description) {
        Group group = scope.require(caller, Group.class, id, "group");
        requireUnusedName(group.getOrganizationId(), name, id);
        group.change(name.strip(), description == null ? "" : description, caller.actor(), Instant.now());
        audit.changed(caller, "group.update", "groups/" + id, group.getOrganizationId());
        return view(group);
    }

    public void delete(Caller caller, UUID id) {
        Group group = scope.require(caller, Group.class, id, "group");
        em.createQuery("DELETE FROM GroupMember m WHERE m.groupId = :group").setParameter("group", id).executeUpdate();
        group.softDelete(caller.actor(), Instant.now());
        audit.changed(caller, "group.delete", "groups/" + id, group.getOrganizationId());
    }

    public Page<MemberView> members(Caller caller, UUID groupId, PageRequest page) {
        Group group = scope.require(caller, Group.class, groupId, "group");
        return ListQuery.of(User.class, "FROM User e, GroupMember m", "m.userId = e.id AND e.deletedAt IS NULL")
                .equal("m.groupId", "group", group.getId())
                .page(em, page, "e.email, e.id").map(MemberView::of);
    }

    public MemberView addMember(Caller caller, UUID groupId, UUID userId) {
        Group group = scope.require(caller, Group.class, groupId, "group");
        User user = scope.reference(caller, User.class, userId, "userId", "user");
        if (!user.getOrganizationId().equals(group.getOrganizationId())) {
            throw Rejected.invalid("userId", "user " + userId + " is not in the group's organization");
        }
        if (em.find(GroupMember.class, new GroupMember.Key(groupId, userId)) != null) {
            throw Rejected.conflict("userId", "the user is already a member of this group");
        }
        em.persist(new GroupMember(groupId, userId, caller.actor(), Instant.now()));
        audit.changed(caller, "group.member.add", "groups/" + groupId + "/members/" + userId, group.getOrganizationId());
        return MemberView.of(user);
    }

    public void removeMember(Caller caller, UUID groupId, UUID userId) {
        Group group = scope.require(caller, Group.class, groupId, "group");
        GroupMember member = em.find(GroupMember.class, new GroupMember.Key(groupId, userId));
        if (member == null) {
            throw Rejected.notFound("group member", userId);
        }
        em.remove(member);
        audit.changed(caller, "group.member.remove", "groups/" + groupId + "/members/" + userId, group.getOrganizationId());
    }

    private GroupView view(Group group) {
        long members = em.createQuery("SELECT COUNT(m) FROM GroupMember m, User u WHERE m.groupId = :group AND u.id = m.userId "
                + "AND u.deletedAt IS NULL", Long.class).setParameter("group", group.getId()).getSingleResult();
        return new GroupView(group.getId(), group.getOrganizationId(), group.getName(), group.getDescription(), members,
                group.getCreatedAt(), group.getCreatedBy(), group.getUpdatedAt(), group.getUpdatedBy());
    }

    private void requireUnusedName(UUID organization, String name, UUID except) {
        long taken = em.createQuery("SELECT COUNT(g) FROM UserGroup g WHERE g.organizationId = :org AND LOWER(g.name) = :name "
                        + "AND g.deletedAt IS NULL AND g.id <> :except", Long.class)
                .setParameter("org", organization).setParameter("name", name.strip().toLowerCase(java.util.Locale.ROOT))
                .setParameter("except", except == null ? new UUID(0, 0) : except)
                .getSingleResult();
        if (taken > 0) {
            throw Rejected.conflict("name", "a group named '" + name.strip() + "' exists in this organization");
        }
    }
}
