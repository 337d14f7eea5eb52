package servmon.store.user;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

public interface AppUserRepository extends JpaRepository<AppUser, Long> {

    Optional<AppUser> findByUsername(String username);

    /** Case-insensitive, as the table's collation compares names (and its unique key refuses "Admin" next to "admin"). */
    boolean existsByUsernameIgnoreCase(String username);

    List<AppUser> findAllByOrderByUsernameAsc();

    /**
     * The enabled users of a role, locked until the transaction ends: two admins disabling each other at the same
     * moment take turns, so the second sees the first's change and the last admin is never lost.
     */
    // native: Hibernate's MySQL dialect writes "FOR UPDATE OF alias", which MariaDB does not accept
    @Query(value = "SELECT * FROM app_user WHERE role = :role AND enabled FOR UPDATE", nativeQuery = true)
    List<AppUser> lockEnabledByRole(String role);
}
