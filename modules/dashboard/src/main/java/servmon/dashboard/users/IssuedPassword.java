package servmon.dashboard.users;

/** A password servmon generated for a user: shown once to the admin who asked, stored only as its hash. */
record IssuedPassword(String username, String password) {

    @Override
    public String toString() {  // never into a log by accident
        return "IssuedPassword[" + username + "]";
    }
}
