package io.telemetryflow.iam;

import static io.telemetryflow.platform.json.Jsonp.JSON;

import io.telemetryflow.platform.network.Loopback;
import io.telemetryflow.platform.security.Argon2idHasher;
import io.telemetryflow.platform.security.PrivateFile;
import io.telemetryflow.tenancy.DefaultTenancy;
import io.telemetryflow.tenancy.TenancyBootstrap.DefaultTenancyIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Seeds IAM at start-up: the permission catalogue, the five system roles, and the first Super
 * Administrator (with a generated password written only to the credentials file, mode 600). In demo
 * mode ({@code telemetryflow.demo-mode=true}, on in the one-command run) it also seeds the five
 * default users of the reference documentation; in production mode those demo accounts are
 * deleted if an earlier demo run left them, so they never exist there.
 */
@ApplicationScoped
public class IamBootstrap {

    private static final Logger LOG = Logger.getLogger(IamBootstrap.class.getName());
    /** "tfiam" in ASCII. */
    private static final long LOCK_KEY = 0x74_6669_616dL;

    /** The reference's default credentials (00-platform-overview.md), demo mode only. */
    public record DemoUser(String email, String password, String firstName, String lastName, SystemRole role) {
    }

    public static final List<DemoUser> DEMO_USERS = List.of(
            new DemoUser("super.administrator@telemetryflow.id", "SuperAdmin@123456", "Super", "Administrator", SystemRole.SUPER_ADMINISTRATOR),
            new DemoUser("admin.telemetryflow@telemetryflow.id", "Admin@123456", "Admin", "TelemetryFlow", SystemRole.ADMINISTRATOR),
            new DemoUser("developer.telemetryflow@telemetryflow.id", "Developer@123456", "Developer", "TelemetryFlow", SystemRole.DEVELOPER),
            new DemoUser("viewer.telemetryflow@telemetryflow.id", "Viewer@123456", "Viewer", "TelemetryFlow", SystemRole.VIEWER),
            new DemoUser("demo.telemetryflow@telemetryflow.id", "Demo@123456", "Demo", "TelemetryFlow", SystemRole.DEMO));

    @PersistenceContext(unitName = "telemetryflow")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "telemetryflow.demo-mode", defaultValue = "false")
    boolean demoMode;

    /** The address the HTTP listeners bind to (WildFly's -b). */
    @Inject
    @ConfigProperty(name = "telemetryflow.bind-address", defaultValue = "127.0.0.1")
    String bindAddress;

    @Inject
    @ConfigProperty(name = "telemetryflow.bootstrap.admin-email", defaultValue = "admin@telemetryflow.local")
    String adminEmail;

    @Inject
    @ConfigProperty(name = "telemetryflow.bootstrap.admin-credentials-file")
    String credentialsFile;

    private final Argon2idHasher hasher = Argon2idHasher.owaspDefaults();

    @Transactional
    public void ensureSeeded(DefaultTenancyIds tenancy) {
        demoModeRefusal(demoMode, bindAddress).ifPresent(reason -> {
            throw new IllegalStateException("TelemetryFlow refuses to start: " + reason);
        });
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)::text").setParameter(1, LOCK_KEY).getSingleResult();
        Instant now = Instant.now();
        Map<Permission, StoredPermission> permissions = seedPermissions(now);
        Map<SystemRole, Role> roles = seedRoles(permissions, now);
        ensureSuperAdministrator(tenancy, roles.get(SystemRole.SUPER_ADMINISTRATOR), now);
        if (demoMode) {
            seedDemoUsers(tenancy, roles, now);
        } else {
            removeDemoUsers(now);
        }
    }

    /** The demo users' passwords are in the documentation: they may exist only where nobody else can reach. */
    static Optional<String> demoModeRefusal(boolean demoMode, String bindAddress) {
        if (!demoMode || Loopback.is(bindAddress)) {
            return Optional.empty();
        }
        return Optional.of("demo mode (TELEMETRYFLOW_DEMO_MODE=true) seeds five users whose passwords are public, and this node"
                + " listens on " + bindAddress + ", beyond loopback: turn demo mode off (TELEMETRYFLOW_DEMO_MODE=false) or bind to 127.0.0.1");
    }

    private Map<Permission, StoredPermission> seedPermissions(Instant now) {
        Map<Permission, StoredPermission> byPermission = new HashMap<>();
        em.createQuery("SELECT p FROM StoredPermission p", StoredPermission.class).getResultList()
                .forEach(p -> byPermission.put(p.toPermission(), p));
        for (Permission permission : PermissionCatalog.ALL) {
            byPermission.computeIfAbsent(permission, p -> {
                StoredPermission stored = new StoredPermission(p, describe(p), now);
                em.persist(stored);
                return stored;
            });
        }
        return byPermission;
    }

    private Map<SystemRole, Role> seedRoles(Map<Permission, StoredPermission> permissions, Instant now) {
        Map<String, Role> existing = em.createQuery("SELECT r FROM Role r WHERE r.systemRole = true AND r.deletedAt IS NULL", Role.class)
                .getResultList().stream().collect(Collectors.toMap(Role::getName, r -> r));
        Map<SystemRole, Role> roles = new HashMap<>();
        for (SystemRole systemRole : SystemRole.values()) {
            Set<StoredPermission> granted = systemRole.permissions().stream().map(permissions::get).collect(Collectors.toSet());
            Role role = existing.get(systemRole.displayName());
            if (role == null) {
                role = Role.system(systemRole, granted, DefaultTenancy.SYSTEM_ACTOR, now);
                em.persist(role);
            } else {
                role.resetSystemPermissions(granted);
            }
            roles.put(systemRole, role);
        }
        return roles;
    }

    private void ensureSuperAdministrator(DefaultTenancyIds tenancy, Role superAdministrator, Instant now) {
        long holders = em.createQuery("SELECT COUNT(a) FROM RoleAssignment a, User u WHERE a.userId = u.id AND a.roleId = :role AND u.deletedAt IS NULL", Long.class)
                .setParameter("role", superAdministrator.getId()).getSingleResult();
        if (holders > 0 || findUser(adminEmail).isPresent()) {
            return;
        }
        String password = generatePassword();
        User admin = createUser(adminEmail, password, "Platform", "Administrator", tenancy, now);
        assign(admin, superAdministrator, tenancy, now);
        Path file = Path.of(credentialsFile);
        PrivateFile.write(file, JSON.createObjectBuilder().add("adminEmail", admin.getEmail()).add("adminPassword", password).build().toString());
        LOG.warning(() -> "Created the first Super Administrator " + admin.getEmail() + "; its generated password is in " + file
                + " (readable by this account only). Sign in and change it.");
    }

    private void seedDemoUsers(DefaultTenancyIds tenancy, Map<SystemRole, Role> roles, Instant now) {
        for (DemoUser demo : DEMO_USERS) {
            if (findUser(demo.email()).isEmpty()) {
                User user = createUser(demo.email(), demo.password(), demo.firstName(), demo.lastName(), tenancy, now);
                assign(user, roles.get(demo.role()), tenancy, now);
                LOG.info(() -> "Demo mode: seeded " + demo.role().displayName() + " " + demo.email());
            }
        }
    }

    private void removeDemoUsers(Instant now) {
        for (DemoUser demo : DEMO_USERS) {
            findUser(demo.email()).ifPresent(user -> {
                em.createQuery("DELETE FROM RoleAssignment a WHERE a.userId = :user").setParameter("user", user.getId()).executeUpdate();
                if (user.getStatus() == UserStatus.CREATED) {
                    user.deactivate(DefaultTenancy.SYSTEM_ACTOR, now);
                }
                user.delete(DefaultTenancy.SYSTEM_ACTOR, now);
                LOG.warning(() -> "Production mode: deleted demo account " + demo.email() + " left by an earlier demo run");
            });
        }
    }

    private User createUser(String email, String password, String firstName, String lastName, DefaultTenancyIds tenancy, Instant now) {
        User user = new User(email, hasher.hash(password), firstName, lastName, tenancy.organizationId(), tenancy.workspaceId(),
                tenancy.tenantId(), UserStatus.ACTIVE, DefaultTenancy.SYSTEM_ACTOR, now);
        user.markEmailVerified(now);
        em.persist(user);
        return user;
    }

    private void assign(User user, Role role, DefaultTenancyIds tenancy, Instant now) {
        em.persist(new RoleAssignment(user.getId(), role.getId(), tenancy.organizationId(), null, null, DefaultTenancy.SYSTEM_ACTOR, now));
    }

    private Optional<User> findUser(String email) {
        return em.createNamedQuery(User.LIVE_BY_EMAIL, User.class)
                .setParameter("email", User.normalizeEmail(email)).getResultStream().findFirst();
    }

    private static String describe(Permission permission) {
        return "Allows " + permission.action() + " on " + permission.resource();
    }

    /** 24 characters from all four classes, so it passes any password policy. */
    static String generatePassword() {
        String[] classes = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "!@#%^*-_=+"};
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            String pool = classes[i % classes.length];
            password.append(pool.charAt(random.nextInt(pool.length())));
        }
        return password.toString();
    }
}
