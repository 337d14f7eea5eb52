package servmon.standalone;

public class ServmonMain {
    public static void main(String[] args) {
    }
}
