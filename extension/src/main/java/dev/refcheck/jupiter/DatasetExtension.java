package dev.refcheck.jupiter;

import dev.refcheck.fixtures.Datasets;
import dev.refcheck.fixtures.Fixture;
import dev.refcheck.fixtures.LoadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.SearchOption;

/**
 * Loads {@link Dataset} files before each test through the test's {@code TestDatabase}, which
 * {@link RefCheckExtension} creates on first use, so the order of the two extensions does not matter.
 */
final class DatasetExtension implements BeforeEachCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(DatasetExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        List<Dataset> datasets = new ArrayList<>();
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), Dataset.class,
                SearchOption.INCLUDE_ENCLOSING_CLASSES).ifPresent(datasets::add);
        context.getTestMethod().flatMap(method -> AnnotationSupport.findAnnotation(method, Dataset.class))
                .ifPresent(datasets::add);
        if (datasets.isEmpty()) {
            return;
        }
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        Fixture fixture = Fixture.builder().build();
        for (Dataset dataset : datasets) {
            Fixture files = Datasets.read(loader, dataset.value());
            fixture = fixture.and(dataset.autoParents() ? files.withAutoParents() : files);
        }
        LoadResult result = RefCheckExtension.database(context).load(fixture);
        context.getStore(NAMESPACE).put(LoadResult.class, result);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LoadResult.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(LoadResult.class, LoadResult.class))
                .orElseThrow(() -> new org.junit.jupiter.api.extension.ParameterResolutionException(
                        "refcheck has no dataset result for " + parameter.getDeclaringExecutable()
                                + ": @Dataset loads before each test, so take LoadResult in a test method"));
    }
}
