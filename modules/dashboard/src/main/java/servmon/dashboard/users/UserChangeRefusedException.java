package servmon.dashboard.users;

/** A change to a user that was refused, with the reason to show the person who asked for it. */
public class UserChangeRefusedException extends RuntimeException {

    public UserChangeRefusedException(String reason) {
        super(reason);
    }
}
