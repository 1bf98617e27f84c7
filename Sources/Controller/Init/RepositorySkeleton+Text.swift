/// The texts of a new repository.
extension RepositorySkeleton {
    static func hostFile(_ host: Host) -> String {
        let tcp = host.endpoint.hasPrefix("tcp://")
        return """
        # hosts/\(host.name).yaml — one Docker host. `reconcile adopt --host \(host.name)` adds what it runs already.
        endpoint: \(host.endpoint)
        \(tcp ? "" : "# ")tls: {ca: certs/\(host.name)/ca.pem, cert: certs/\(host.name)/cert.pem, key: certs/\(host.name)/key.pem}\
        \(tcp ? "   # the Docker API is root on that host: never without TLS" : "")
        stacks: []                # the stacks that run here: stacks/<name>/compose.yaml
        # data: /srv/apps         # host data root: ./data of stack web lives in /srv/apps/web/data
        # vlan: main
        # timezone: Europe/Berlin
        # windows:
        #   - deny: "06:45-07:15"

        """
    }

    static let settingsFile = """
        # reconcile.yaml — settings for reconcile itself. Every line here is optional; the defaults are shown.
        #
        # repository: the name everything this repository creates is labelled with (`reconcile.repository`);
        # default: the git root commit (`git:<hash>`), which every clone shares.
        # repository: homelab
        #
        # notifications: where reconcile says what a pass did (ntfy, gotify, webhook; see reconcile's README).
        notifications: []

        """

    static func readme(_ hosts: [Host]) -> String {
        """
        # homelab

        What runs where, for reconcile: `hosts/<host>.yaml` says which stacks
        run on a Docker host, `stacks/<stack>/compose.yaml` is a stack's compose file.

        Hosts: \(hosts.map(\.name).joined(separator: ", ")).

        ```sh
        reconcile adopt --host \(hosts.first?.name ?? "local")   # write stacks/ for what the host runs already
        reconcile validate            # every mistake, as file:line:col
        reconcile plan                # what a pass would do, and why
        reconcile apply               # one pass
        ```

        `hooks/post-receive` pokes a running `reconcile daemon` when this repository is pushed to a bare repository.

        """
    }
}
