#!/usr/bin/perl
# Differential oracle for `pvelint migrate-groups`: runs pve-ha-manager's own group migration (the steps of
# Manager.pm $migrate_group_persistently, calling the real PVE::HA::Config and PVE::HA::Groups functions) on
# generated groups.cfg/resources.cfg/rules.cfg files held in an in-memory /etc/pve, and prints what it writes.
# This script is ours; the upstream modules it loads are NOT in this repository (see regenerate.sh).
# usage: perl migration-oracle.pl ORACLE_DIR < migration-cases.jsonl
# Input lines:  {"name": "...", "files": {"groups.cfg": text, "resources.cfg": text, "rules.cfg": text}}
# Output lines: {"name", "rules.cfg": text|null, "resources.cfg": text|null, "groups_deleted": 1} or {"name", "error"}
use strict;
use warnings;

my $dir;
our %FILES;      # 'ha/rules.cfg' => raw text (undef: no such file)
our %WRITTEN;
BEGIN {
    $dir = shift @ARGV or die "usage: $0 ORACLE_DIR < cases.jsonl\n";

    # An in-memory pmxcfs: cfs_read_file/cfs_write_file call the parser/writer Config.pm registers, as PVE::Cluster does.
    package PVE::Cluster;
    require Exporter;
    our @ISA = ('Exporter');
    our @EXPORT_OK = qw(cfs_register_file cfs_read_file cfs_write_file cfs_lock_file);
    my %registered;
    sub cfs_register_file { my ($name, $parser, $writer) = @_; $registered{$name} = [$parser, $writer]; }
    sub cfs_read_file { my ($name) = @_; return $registered{$name}->[0]->($name, $main::FILES{$name}); }
    sub cfs_write_file {
        my ($name, $data) = @_;
        my $raw = $registered{$name}->[1]->($name, $data);
        $main::FILES{$name} = $raw;
        $main::WRITTEN{$name} = $raw;
    }
    sub cfs_lock_file { my ($name, $timeout, $code, @param) = @_; my $res = eval { $code->(@param) }; return $res; }
    sub cfs_lock_domain { my ($domain, $timeout, $code, @param) = @_; my $res = eval { $code->(@param) }; return $res; }
    sub get_nodelist { return []; }
    sub get_vmlist { return { ids => {} }; }
    $INC{'PVE/Cluster.pm'} = __FILE__;
}
use lib "$dir/perl/stubs";
use lib "$dir/perl";

use JSON;
use Encode;
use PVE::HA::Config;
use PVE::HA::Groups;
use PVE::HA::Resources;
use PVE::HA::Resources::PVEVM;
use PVE::HA::Resources::PVECT;
use PVE::HA::Rules;
use PVE::HA::Rules::NodeAffinity;
use PVE::HA::Rules::ResourceAffinity;

# registered exactly as PVE::HA::Env::PVE2 does it
PVE::HA::Resources::PVEVM->register();
PVE::HA::Resources::PVECT->register();
PVE::HA::Resources->init();
PVE::HA::Rules::NodeAffinity->register();
PVE::HA::Rules::ResourceAffinity->register();
PVE::HA::Rules->init(property_isolation => 1);

my $json = JSON->new->canonical(1)->utf8(1);

while (my $line = <STDIN>) {
    next if $line !~ /\S/;
    my $case = $json->decode($line);
    %FILES = ();
    %WRITTEN = ();
    for my $f (keys %{ $case->{files} }) {
        # pmxcfs hands the parser raw bytes
        $FILES{"ha/$f"} = Encode::encode('UTF-8', $case->{files}->{$f}) if defined($case->{files}->{$f});
    }
    my $result = { name => $case->{name} };
    my @warnings;
    local $SIG{__WARN__} = sub { push @warnings, $_[0] };
    eval {
        die "no groups to migrate\n" if PVE::HA::Config::have_groups_been_migrated();
        # Manager.pm $migrate_group_persistently, minus the cluster-state assertions and the final unlink
        my $resources = PVE::HA::Config::read_and_check_resources_config();
        my $groups = PVE::HA::Config::read_group_config();
        my $rules = PVE::HA::Config::read_and_check_rules_config();

        PVE::HA::Groups::migrate_groups_to_rules($rules, $groups, $resources);
        PVE::HA::Config::write_rules_config($rules);
        $result->{rule_orders} = { %{ $rules->{order} } };

        PVE::HA::Groups::migrate_groups_to_resources($groups, $resources);
        for my $sid (keys %$resources) {
            my $param = { failback => $resources->{$sid}->{failback} };
            PVE::HA::Config::update_resources_config($sid, $param, 'group');
        }
        $result->{groups_deleted} = 1;
    };
    if (my $err = $@) {
        chomp $err;
        $result->{error} = $err;
    }
    for my $f (qw(rules.cfg resources.cfg)) {
        $result->{$f} = defined($WRITTEN{"ha/$f"}) ? Encode::decode('UTF-8', $WRITTEN{"ha/$f"}, Encode::FB_DEFAULT) : undef;
    }
    print $json->encode($result), "\n";
}
