package dev.refcheck.jupiter;

import dev.refcheck.orphans.AuditPolicy;
import dev.refcheck.postgres.Cluster;
import dev.refcheck.postgres.Isolation;
import dev.refcheck.postgres.ServerSpec;
import dev.refcheck.postgres.Session;
import dev.refcheck.postgres.Template;
import dev.refcheck.postgres.TestDatabase;
import dev.refcheck.schema.SchemaSource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.SearchOption;

/**
 * The JUnit side of refcheck, registered by {@link RefCheck}. It only adapts: the server ({@link Cluster})
 * lives in the root store and is shared by every class in the JVM; each class resolves its settings and
 * template once; each test gets a {@link Session} that is finished after the test.
 */
public final class RefCheckExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(RefCheckExtension.class);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("dev.refcheck");
    private static final String SESSION = "session";

    /** Per test class: its settings, the shared cluster, its template and (FRESH_PER_CLASS) its database. */
    private record ClassState(Settings settings, Cluster cluster, Template template,
                              Session.ClassDatabase classDatabase, Session classSession) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            if (classSession != null) {
                classSession.finish();
            }
            if (classDatabase != null) {
                classDatabase.close();
            }
        }
    }

    /** The cluster, or why it could not start, so that every class fails fast with the same reason. */
    private record ClusterResource(Cluster cluster, RuntimeException failure) implements AutoCloseable {
        Cluster get() {
            if (failure != null) {
                throw failure;
            }
            return cluster;
        }

        @Override
        public void close() {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        classState(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        ClassState state = context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), ClassState.class);
        if (state != null) {
            state.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        Session session = session(context);
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            injectFields(instance, session);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        Session session = context.getStore(NAMESPACE).remove(SESSION, Session.class);
        if (session != null) {
            session.finish();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return isInjectable(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Session session;
        if (context.getTestMethod().isPresent()) {
            session = session(context);
        } else {
            session = classState(context).classSession();
            if (session == null) {
                throw new ParameterResolutionException("refcheck gives a " + parameter.getParameter().getType()
                        .getSimpleName() + " to one test at a time; in " + describe(parameter.getDeclaringExecutable())
                        + " there is no test yet. Take it as a parameter of the test or @BeforeEach method,"
                        + " or use isolation FRESH_PER_CLASS for a database shared by the whole class.");
            }
        }
        return valueFor(parameter.getParameter().getType(), session);
    }

    /** {@code Class.method(Type)} or {@code Class(Type)}: what a reader finds in the test source. */
    private static String describe(java.lang.reflect.Executable executable) {
        String parameters = java.util.Arrays.stream(executable.getParameterTypes()).map(Class::getSimpleName)
                .collect(java.util.stream.Collectors.joining(", ", "(", ")"));
        String owner = executable.getDeclaringClass().getSimpleName();
        return executable instanceof java.lang.reflect.Constructor ? owner + parameters
                : owner + "." + executable.getName() + parameters;
    }

    /** Constructor parameters are resolved per test, so a per-method test instance gets that test's database. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    private ClassState classState(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(testClass, k -> createClassState(context, testClass),
                ClassState.class);
    }

    private static ClassState createClassState(ExtensionContext context, Class<?> testClass) {
        RefCheck annotation = AnnotationSupport.findAnnotation(testClass, RefCheck.class,
                        SearchOption.INCLUDE_ENCLOSING_CLASSES)
                .orElseThrow(() -> new ExtensionConfigurationException(
                        "RefCheckExtension needs @RefCheck on " + testClass.getName() + " or an enclosing class"));
        Settings settings = Settings.resolve(annotation, context);
        ClassLoader loader = testClass.getClassLoader();
        // read the scripts before starting a server: a missing file should not cost a server start
        SchemaSource schema = SchemaSource.of(settings.schema, settings.migrations, loader);
        Cluster cluster = cluster(context, settings.server);
        Template template = settings.useExistingDatabase ? cluster.existingDatabase(settings.allowCleanup)
                : cluster.template(schema);
        if (settings.isolation == Isolation.FRESH_PER_CLASS) {
            requireSequentialMethods(context, testClass);
            Session.ClassDatabase database = Session.classDatabase(cluster, template);
            Session classSession = Session.begin(cluster, template, Isolation.FRESH_PER_CLASS, database.name(),
                    testClass.getSimpleName());
            return new ClassState(settings, cluster, template, database, classSession);
        }
        return new ClassState(settings, cluster, template, null, null);
    }

    /** FRESH_PER_CLASS shares one database between a class's tests: run at once, they would see each other's rows. */
    private static void requireSequentialMethods(ExtensionContext context, Class<?> testClass) {
        boolean parallel = context.getConfigurationParameter("junit.jupiter.execution.parallel.enabled")
                .map(Boolean::parseBoolean).orElse(false);
        // as JUnit does: a @Nested class runs as its enclosing class says unless it says otherwise
        ExecutionMode mode = AnnotationSupport.findAnnotation(testClass, Execution.class,
                        SearchOption.INCLUDE_ENCLOSING_CLASSES)
                .map(Execution::value)
                .orElseGet(() -> context.getConfigurationParameter("junit.jupiter.execution.parallel.mode.default")
                        .map(v -> v.strip().toUpperCase(java.util.Locale.ROOT))
                        .filter(v -> v.equals("CONCURRENT")).map(ExecutionMode::valueOf)
                        .orElse(ExecutionMode.SAME_THREAD));
        if (parallel && mode == ExecutionMode.CONCURRENT) {
            throw new ExtensionConfigurationException("[" + Settings.ISOLATION_PROPERTY_NAME + "] must not be"
                    + " fresh_per_class for " + testClass.getName() + " while its tests run concurrently: they would"
                    + " share one database and see each other's rows. Annotate the class"
                    + " @Execution(ExecutionMode.SAME_THREAD), or choose transaction, clean or fresh");
        }
    }

    /**
     * The JVM's server for {@code spec}. One that was lost mid-run (crashed, killed) is replaced for the classes
     * that start afterwards; the tests that were running on it have already failed with the reason.
     */
    private static Cluster cluster(ExtensionContext context, ServerSpec spec) {
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        ClusterResource resource = root.getOrComputeIfAbsent(spec, RefCheckExtension::startCluster,
                ClusterResource.class);
        if (resource.cluster() == null || !resource.cluster().isLost()) {
            return resource.get();
        }
        synchronized (RefCheckExtension.class) {
            ClusterResource current = root.get(spec, ClusterResource.class);
            if (current.cluster() != null && current.cluster().isLost()) {
                LOG.warn("refcheck: {} was lost earlier in this run; starting a new server for {}",
                        current.cluster().description(), context.getRequiredTestClass().getName());
                try {
                    current.close();
                } catch (RuntimeException e) {
                    LOG.warn("refcheck: could not close the lost server: {}", e.getMessage());
                }
                current = startCluster(spec);
                root.put(spec, current);
            }
            return current.get();
        }
    }

    private static ClusterResource startCluster(ServerSpec spec) {
        try {
            return new ClusterResource(Cluster.start(spec), null);
        } catch (RuntimeException e) {
            return new ClusterResource(null, e);
        }
    }

    /** The test's database, for refcheck's other extensions ({@link Dataset}); created here on first use. */
    static TestDatabase database(ExtensionContext context) {
        return new RefCheckExtension().session(context);
    }

    private Session session(ExtensionContext context) {
        ClassState state = classState(context);
        String label = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(SESSION, k -> {
            AuditPolicy orphans = OrphanSettings.resolve(context); // misconfiguration fails before a database is leased
            Session session = Session.begin(state.cluster(), state.template(), state.settings().isolation,
                    state.classDatabase() == null ? null : state.classDatabase().name(), label);
            try {
                session.auditOrphans(orphans);
            } catch (RuntimeException e) {
                finishQuietly(session, e);
                throw e;
            }
            return session;
        }, Session.class);
    }

    private static void finishQuietly(Session session, RuntimeException cause) {
        try {
            session.finish();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void injectFields(Object instance, Session session) throws IllegalAccessException {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(instance.getClass(), RefCheck.Inject.class,
                field -> true, HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            if (!isInjectable(field.getType()) || Modifier.isStatic(field.getModifiers())
                    || Modifier.isFinal(field.getModifiers())) {
                throw new ExtensionConfigurationException("[@RefCheck.Inject] field " + field.getDeclaringClass()
                        .getSimpleName() + "." + field.getName() + " must be a non-static, non-final field of type"
                        + " DataSource, Connection or TestDatabase, but is " + (Modifier.toString(field.getModifiers())
                        + " " + field.getType().getSimpleName()).strip());
            }
            field.setAccessible(true);
            field.set(instance, valueFor(field.getType(), session));
        }
    }

    private static boolean isInjectable(Class<?> type) {
        return type == DataSource.class || type == Connection.class || type == TestDatabase.class;
    }

    private static Object valueFor(Class<?> type, Session session) {
        if (type == DataSource.class) {
            return session.dataSource();
        }
        if (type == Connection.class) {
            return session.connection();
        }
        return session;
    }
}
