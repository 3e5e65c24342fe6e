package PVE::RS::ResourceScheduling::Static;
# Stand-in for the perlmod binding of pve-rs (resource_scheduling_static.rs, the variant with per-service usage
# that pve-ha-manager 5.0.8's Usage/Static.pm calls): the same state kept in Perl, and the scoring done by the
# upstream Rust code (proxmox-resource-scheduling pve_static.rs/topsis.rs) compiled into topsis-score, talked to
# over a pipe. Nodes and services are iterated in sorted order (upstream: Rust HashMap order).
# Without TOPSIS_SCORE in the environment new() dies, so the CRM falls back to 'basic', as on a system without
# the Rust scheduler.
use strict; use warnings;
use IPC::Open2;

my ($rd, $wr, $pid);
sub scorer {
    if (!$pid) {
        my $bin = $ENV{TOPSIS_SCORE} // die "set TOPSIS_SCORE\n";
        $pid = open2($rd, $wr, $bin);
    }
    return ($rd, $wr);
}

sub new {
    my ($class) = @_;
    die "static scheduling not available\n" if !$ENV{TOPSIS_SCORE};
    return bless { nodes => {}, service_nodes => {} }, $class;
}

sub add_node {
    my ($self, $name, $maxcpu, $maxmem) = @_;
    die "node $name already added\n" if $self->{nodes}->{$name};
    $self->{nodes}->{$name} = { maxcpu => $maxcpu, maxmem => $maxmem, services => {} };
}

sub remove_node {
    my ($self, $name) = @_;
    my $node = delete $self->{nodes}->{$name} or return;
    delete $self->{service_nodes}->{$_}->{$name} for keys %{ $node->{services} };
}

sub list_nodes { my ($self) = @_; return [keys %{ $self->{nodes} }]; }

sub contains_node { my ($self, $name) = @_; return defined($self->{nodes}->{$name}) ? 1 : 0; }

sub add_service_usage_to_node {
    my ($self, $name, $sid, $usage) = @_;
    my $node = $self->{nodes}->{$name} or die "node '$name' not present in usage hashmap\n";
    die "service '$sid' already added to node '$name'\n" if $node->{services}->{$sid};
    $node->{services}->{$sid} = { maxcpu => $usage->{maxcpu} + 0.0, maxmem => int($usage->{maxmem}) };
    $self->{service_nodes}->{$sid}->{$name} = 1;
}

sub remove_service_usage {
    my ($self, $sid) = @_;
    my $nodes = delete $self->{service_nodes}->{$sid} or return;
    delete $self->{nodes}->{$_}->{services}->{$sid} for grep { $self->{nodes}->{$_} } keys %$nodes;
}

sub score_nodes_to_start_service {
    my ($self, $usage) = @_;
    my @parts = (sprintf("%.17g %d", $usage->{maxcpu} + 0.0, int($usage->{maxmem})));
    for my $name (sort keys %{ $self->{nodes} }) {
        my $node = $self->{nodes}->{$name};
        my ($cpu, $mem) = (0.0, 0);
        for my $sid (sort keys %{ $node->{services} }) {
            my $s = $node->{services}->{$sid};
            $cpu = $s->{maxcpu} == 0.0 ? $cpu + $node->{maxcpu} : $cpu + $s->{maxcpu};
            $mem += $s->{maxmem};
        }
        push @parts, sprintf("%s %.17g %d %d %d", $name, $cpu, $node->{maxcpu}, $mem, $node->{maxmem});
    }
    my ($r, $w) = scorer();
    print $w join(';', @parts), "\n";
    my $line = <$r>;
    chomp $line;
    die "$line\n" if $line =~ /^ERR /;
    return [map { my ($n, $v) = split / /; [$n, $v + 0.0] } split /;/, $line];
}

1;
