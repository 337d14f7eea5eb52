package servmon.store;

/**
 * Marks the root of the store's JPA entities and repositories, for
 * {@code @EntityScan(basePackageClasses = StoreModule.class)} and {@code @EnableJpaRepositories} in the services.
 */
public final class StoreModule {

    private StoreModule() {
    }
}
