#!/usr/bin/perl
# Differential oracle for pvelint's HA rule feasibility engine (src/Parsers/Analysis/HighAvailability/Rules).
# Runs pve-ha-manager's own PVE::HA::Rules check_feasibility/transform/compile on generated rules.cfg files.
# This script is ours; the upstream modules it loads are NOT in this repository: build them with
# regenerate.sh (it says how), then:  perl rules-oracle.pl ORACLE_DIR < cases.jsonl > oracle.jsonl
# Input lines:  {"name": "...", "nodes": ["node1", ...], "rules": "<rules.cfg text>"}
# Output lines: {"name", "dropped": {ruleid: [reason, ...]}, "log": [...], "rules": {id: {...}}, "compiled": {...}}
use strict;
use warnings;

my $dir;
BEGIN { $dir = shift @ARGV or die "usage: $0 ORACLE_DIR < cases.jsonl\n"; }
use lib "$dir/perl/stubs";
use lib "$dir/perl";

use JSON;
use PVE::HA::Rules;
use PVE::HA::Rules::NodeAffinity;
use PVE::HA::Rules::ResourceAffinity;

# registered exactly as PVE::HA::Env::PVE2 does it
PVE::HA::Rules::NodeAffinity->register();
PVE::HA::Rules::ResourceAffinity->register();
PVE::HA::Rules->init(property_isolation => 1);

my $json = JSON->new->canonical(1)->utf8(1);

sub rule_view {
    my ($rules) = @_;
    my $out = {};
    for my $id (keys %{ $rules->{ids} }) {
        my $r = $rules->{ids}->{$id} or next;
        my $v = {
            type => $r->{type},
            order => $rules->{order}->{$id},
            resources => [sort keys %{ $r->{resources} // {} }],
        };
        $v->{disable} = 1 if exists($r->{disable});
        $v->{affinity} = $r->{affinity} if defined($r->{affinity});
        $v->{strict} = $r->{strict} ? 1 : 0 if $r->{type} eq 'node-affinity';
        $v->{nodes} = { map { $_ => $r->{nodes}->{$_}->{priority} } keys %{ $r->{nodes} } } if $r->{nodes};
        $out->{$id} = $v;
    }
    return $out;
}

while (my $line = <STDIN>) {
    next if $line !~ /\S/;
    my $case = $json->decode($line);
    my $result = { name => $case->{name} };
    eval {
        my $nodes = $case->{nodes};
        my $parse = sub {
            my $cfg = PVE::HA::Rules->parse_config('/etc/pve/ha/rules.cfg', $case->{rules});
            PVE::HA::Rules->set_rule_defaults($_) for values %{ $cfg->{ids} };
            return $cfg;
        };
        my @warnings;
        local $SIG{__WARN__} = sub { push @warnings, $_[0] };

        $result->{dropped} = PVE::HA::Rules->check_feasibility($parse->(), $nodes);
        # flatten {id => {opt => [msgs]}} to {id => [msgs]}; every check blames 'resources'
        for my $id (keys %{ $result->{dropped} }) {
            $result->{dropped}->{$id} = [map { @{ $result->{dropped}->{$id}->{$_} } } sort keys %{ $result->{dropped}->{$id} }];
        }

        my $cfg = $parse->();
        my $transform = PVE::HA::Rules->can('transform') ? 'transform' : 'canonicalize';
        $result->{log} = [map { chomp(my $m = $_); $m } @{ PVE::HA::Rules->$transform($cfg, $nodes) }];
        $result->{rules} = rule_view($cfg);
        if (PVE::HA::Rules->can('compile')) {
            my $compiled = PVE::HA::Rules->compile($cfg, $nodes);
            for my $sid (keys %{ $compiled->{'node-affinity'} }) {
                my $nodes = $compiled->{'node-affinity'}->{$sid}->{nodes};
                $compiled->{'node-affinity'}->{$sid} = { map { $_ => $nodes->{$_}->{priority} } keys %$nodes };
            }
            for my $kind (qw(positive negative)) {
                my $pairs = $compiled->{'resource-affinity'}->{$kind};
                $compiled->{'resource-affinity'}->{$kind} = { map { $_ => [sort keys %{ $pairs->{$_} }] } keys %$pairs };
            }
            $result->{compiled} = $compiled;
        }
        $result->{warnings} = [map { chomp(my $w = $_); $w } @warnings] if @warnings;
    };
    if (my $err = $@) {
        chomp $err;
        $result = { name => $case->{name}, error => $err };
    }
    print $json->encode($result), "\n";
}
