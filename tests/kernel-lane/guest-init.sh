#!/bin/busybox sh
# PID 1 of the lane's guest: mounts what the agent and the tests need, loads gpio-sim and i2c-stub, runs the in-guest tests and
# powers off. The host reads the result from the serial console's LANE-EXIT line.
/bin/busybox --install -s /bin
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TMPDIR=/tmp
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mkdir -p /dev/shm /dev/pts && mount -t tmpfs shm /dev/shm
mount -t tmpfs tmp /tmp
mount -t tmpfs run /run
hostname -F /etc/hostname
ip link set lo up
insmod /lib/modules/lane/configfs.ko && insmod /lib/modules/lane/gpio-sim.ko || { echo "LANE-EXIT=90 (module load failed)"; poweroff -f; }
# An SMBus adapter with one chip's register map at 0x20, as /dev/i2c-N, for the expander tests (Expanders/).
insmod /lib/modules/lane/i2c-dev.ko && insmod /lib/modules/lane/i2c-stub.ko chip_addr=0x20 || { echo "LANE-EXIT=90 (i2c module load failed)"; poweroff -f; }
mount -t configfs none /sys/kernel/config
echo "lane guest: $(uname -srm), $(nproc) cpu, $(awk '/MemTotal/ {print $2/1024 " MB"}' /proc/meminfo)"
export LANE_AGENT=/opt/mailroom-edge/mailroom-edge DOTNET_CLI_TELEMETRY_OPTOUT=1
cd /lane/tests
# shellcheck disable=SC2046
./Mailroom.Edge.KernelLane.Tests -noColor $(cat /lane/args)
echo "LANE-EXIT=$?"
poweroff -f
